/** Reading an answer's body without trusting its size: at most `maxBytes` are read, then the stream is dropped. */

export interface CappedText {
  readonly text: string;
  /** True when the body was longer than maxBytes (the rest was never read). */
  readonly truncated: boolean;
}

export async function readCapped(response: Response, maxBytes: number): Promise<CappedText> {
  if (!response.body) return { text: "", truncated: false };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), truncated: false };
    const room = maxBytes - bytes;
    if (value.byteLength > room) {
      text += decoder.decode(value.subarray(0, room));
      // Cancelling closes the connection: the server cannot make us read (or buffer) the rest.
      await reader.cancel().catch(() => undefined);
      return { text, truncated: true };
    }
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
}
