/** Text as Windows-1252 bytes (Latin-1 plus the few 0x80-0x9f letters a school uses); anything else becomes '?'. */
export function windows1252(text: string): Uint8Array {
  const special: Record<string, number> = { '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, 'Š': 0x8a, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'š': 0x9a, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f };
  return Uint8Array.from([...text].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (special[ch] !== undefined) return special[ch]!;
    return code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : 0x3f;
  }));
}
