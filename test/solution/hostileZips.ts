/**
 * Hand-made zips for the safety tests: every header field is ours to set, so a test can declare a
 * size, a CRC-32 or a name that the data does not back (PKWARE APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16).
 */
import { crc32, deflateRawSync, constants } from "node:zlib";

export interface RawEntry {
  name: string | Uint8Array;
  /** The bytes stored in the zip (already deflated when method is 8). */
  data: Uint8Array;
  method?: 0 | 8;
  crc?: number;
  /** The uncompressed size the headers declare. */
  size?: number;
  flags?: number;
}

const u16 = (value: number) => Buffer.from([value & 0xff, (value >>> 8) & 0xff]);
const u32 = (value: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
};

/** A zip whose headers say exactly what `entries` say, whatever the data holds. */
export function rawZip(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === "string" ? Buffer.from(entry.name, "utf8") : Buffer.from(entry.name);
    const fields = [
      u16(20), // version needed
      u16(entry.flags ?? 0x0800),
      u16(entry.method ?? 8),
      u16(0), // time
      u16(0x21), // date 1980-01-01
      u32(entry.crc ?? 0),
      u32(entry.data.length),
      u32(entry.size ?? entry.data.length),
      u16(name.length),
      u16(0), // extra
    ];
    const local = Buffer.concat([u32(0x04034b50), ...fields, name, Buffer.from(entry.data)]);
    centrals.push(Buffer.concat([u32(0x02014b50), u16(20), ...fields, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(entries.length),
    u16(entries.length),
    u32(directory.length),
    u32(offset),
    u16(0),
  ]);
  return Buffer.concat([...locals, directory, end]);
}

/** An honest deflated entry. */
export function deflated(name: string, content: string | Uint8Array): RawEntry {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
  return { name, data: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length };
}

/**
 * A deflate stream of `mib` MiB of zeros in about a kilobyte per MiB: one fully flushed segment
 * (which resets the window, so it can be repeated) `mib` times, then an empty final block.
 */
export function zerosBomb(mib: number): Uint8Array {
  const segment = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array<Buffer>(mib).fill(segment), Buffer.from([0x03, 0x00])]);
}
