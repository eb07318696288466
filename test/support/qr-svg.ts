import QRCode from 'qrcode';
import type { QRCodeMaskPattern } from 'qrcode';

/**
 * Reads the text of a QR code Brygga rendered as SVG (the `qrcode` package's path output),
 * as a phone camera would. Test support only: the image is perfect, so no error correction
 * is done; ISO/IEC 18004 sections cited. Error correction level L, versions 1–10.
 */
export function readQrSvg(svg: string): string {
  const dark = darkModules(svg);
  const margin = Math.min(...[...dark].map((key) => Number(key.split(',')[0])));
  const viewBox = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const size = viewBox - 2 * margin;
  const version = (size - 17) / 4;
  const blocks = dataBlocksForLevelL[version];
  if (!blocks) throw new Error(`QR version ${version} is not supported here`);
  const isDark = (row: number, col: number) => dark.has(`${col + margin},${row + margin}`);
  // Function patterns (finders, timing, alignment, format, version) carry no data.
  const reference = QRCode.create('0', { version, errorCorrectionLevel: 'L' }).modules;

  for (let mask = 0; mask < 8; mask += 1) {
    const bits = readDataBits(size, (row, col) => {
      if (reference.isReserved(row, col)) return undefined;
      return isDark(row, col) !== masks[mask]!(row, col);
    });
    const text = readSegments(deinterleave(bits, blocks), version);
    // Garbage under a wrong mask can still parse: the right text re-encodes to this image.
    if (text !== undefined && rendersAs(text, version, mask, size, isDark)) return text;
  }
  throw new Error('no mask gives a readable QR code');
}

function rendersAs(
  text: string,
  version: number,
  maskPattern: number,
  size: number,
  isDark: (row: number, col: number) => boolean,
): boolean {
  let modules;
  try {
    modules = QRCode.create(text, {
      version,
      errorCorrectionLevel: 'L',
      maskPattern: maskPattern as QRCodeMaskPattern,
    }).modules;
  } catch {
    return false;
  }
  for (let row = 0; row < size; row += 1) {
    for (let col = 0; col < size; col += 1) {
      if (Boolean(modules.get(row, col)) !== isDark(row, col)) return false;
    }
  }
  return true;
}

/** [blocks, data codewords per block] for level L (ISO/IEC 18004 table 9). */
const dataBlocksForLevelL: Record<number, [number, number][]> = {
  1: [[1, 19]],
  2: [[1, 34]],
  3: [[1, 55]],
  4: [[1, 80]],
  5: [[1, 108]],
  6: [[2, 68]],
  7: [[2, 78]],
  8: [[2, 97]],
  9: [[2, 116]],
  10: [
    [2, 68],
    [2, 69],
  ],
};

/** Data mask patterns 000–111 (ISO/IEC 18004 7.8.2), by row i and column j. */
const masks: ((i: number, j: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];

/** `M<x> <y>.5h<n>m<dx> 0h<n>…`: one horizontal run per `h`, row by row. */
function darkModules(svg: string): Set<string> {
  const path = /<path stroke="[^"]+" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, command, first, second] of path.matchAll(/([Mmh])([\d.]+)(?: ([\d.]+))?/g)) {
    const amount = Number(first);
    if (command === 'M') [x, y] = [amount, Math.floor(Number(second))];
    else if (command === 'm') x += amount;
    else for (let run = 0; run < amount; run += 1, x += 1) dark.add(`${x},${y}`);
  }
  return dark;
}

/** Two-column zigzag from the bottom right, skipping the vertical timing pattern (7.7.3). */
function readDataBits(
  size: number,
  bitAt: (row: number, col: number) => boolean | undefined,
): boolean[] {
  const bits: boolean[] = [];
  let upward = true;
  for (let right = size - 1; right > 0; right -= 2) {
    if (right === 6) right -= 1;
    for (let step = 0; step < size; step += 1) {
      const row = upward ? size - 1 - step : step;
      for (const col of [right, right - 1]) {
        const bit = bitAt(row, col);
        if (bit !== undefined) bits.push(bit);
      }
    }
    upward = !upward;
  }
  return bits;
}

/** Codewords are interleaved across blocks (7.6); returns the data codewords as bits. */
function deinterleave(bits: boolean[], groups: [number, number][]): boolean[] {
  const lengths = groups.flatMap(([count, length]) => Array<number>(count).fill(length));
  const blocks: number[][] = lengths.map(() => []);
  let index = 0;
  for (let position = 0; position < Math.max(...lengths); position += 1) {
    lengths.forEach((length, block) => {
      if (position >= length) return;
      const byte = bits.slice(index * 8, index * 8 + 8).reduce((sum, bit) => sum * 2 + +bit, 0);
      blocks[block]!.push(byte);
      index += 1;
    });
  }
  return blocks
    .flat()
    .flatMap((byte) => [...byte.toString(2).padStart(8, '0')].map((b) => b === '1'));
}

const alphanumeric = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** Numeric, alphanumeric and byte segments (7.4); undefined when the bits make no sense. */
function readSegments(bits: boolean[], version: number): string | undefined {
  let at = 0;
  const read = (count: number) => {
    if (at + count > bits.length) throw new RangeError('past the data');
    const value = bits.slice(at, at + count).reduce((sum, bit) => sum * 2 + +bit, 0);
    at += count;
    return value;
  };
  const small = version < 10;
  let text = '';
  try {
    // The terminator may be cut short when the data fills the symbol (7.4.9).
    while (at + 4 <= bits.length) {
      const mode = read(4);
      if (mode === 0) break;
      if (mode === 1) {
        let left = read(small ? 10 : 12);
        for (; left >= 3; left -= 3) text += String(read(10)).padStart(3, '0');
        if (left > 0) text += String(read(left === 2 ? 7 : 4)).padStart(left, '0');
      } else if (mode === 2) {
        let left = read(small ? 9 : 11);
        for (; left >= 2; left -= 2) {
          const pair = read(11);
          text += alphanumeric[Math.floor(pair / 45)]! + alphanumeric[pair % 45]!;
        }
        if (left === 1) text += alphanumeric[read(6)]!;
      } else if (mode === 4) {
        const bytes = Array.from({ length: read(small ? 8 : 16) }, () => read(8));
        text += Buffer.from(bytes).toString('utf8');
      } else {
        return undefined;
      }
    }
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  return text;
}
