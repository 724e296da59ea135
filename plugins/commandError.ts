/**
 * A command's failure, read from that command's error table: the row of its code gives the exit
 * status and what to do. Each command (admin, registration) keeps its own table and subclass.
 */
export interface ErrorRow {
  readonly exit: number;
  readonly hint: string;
}

export class CommandError<Code extends string> extends Error {
  readonly exit: number;
  readonly hint: string;

  constructor(
    table: Readonly<Record<Code, ErrorRow>>,
    readonly code: Code,
    message: string,
  ) {
    super(message);
    this.exit = table[code].exit;
    this.hint = table[code].hint;
  }
}
