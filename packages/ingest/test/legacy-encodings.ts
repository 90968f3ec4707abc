/**
 * Encodes text in legacy encodings for tests. Node can decode windows-1251, EUC-KR and Shift_JIS
 * but not encode them, so the encoder is the decoder run backwards: every one- and two-byte
 * sequence is decoded once and the table reversed.
 */
const tables = new Map<string, Map<string, number[]>>();

function table(encoding: string): Map<string, number[]> {
  let t = tables.get(encoding);
  if (t) return t;
  t = new Map();
  const decoder = new TextDecoder(encoding, { fatal: true });
  for (let b = 0; b < 256; b++) {
    try {
      const ch = decoder.decode(new Uint8Array([b]));
      if (ch.length === 1 && !t.has(ch)) t.set(ch, [b]);
    } catch {}
  }
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      try {
        const ch = decoder.decode(new Uint8Array([hi, lo]));
        if (ch.length === 1 && !t.has(ch)) t.set(ch, [hi, lo]);
      } catch {}
    }
  }
  tables.set(encoding, t);
  return t;
}

export function encodeLegacy(text: string, encoding: string): Uint8Array {
  const t = table(encoding);
  const out: number[] = [];
  for (const ch of text) {
    const bytes = t.get(ch);
    if (!bytes) throw new Error(`${encoding} cannot encode ${JSON.stringify(ch)}`);
    out.push(...bytes);
  }
  return new Uint8Array(out);
}
