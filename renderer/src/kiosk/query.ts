/** `?rooms=A1.04,B2.10`: the rooms a door sign shows, or null for every room. Codes longer than the contract allows are dropped. */
export function roomsFromQuery(search: string): string[] | null {
  const raw = new URLSearchParams(search).get('rooms');
  if (!raw) return null;
  const codes = [...new Set(raw.split(',').map((code) => code.trim()).filter((code) => code !== '' && code.length <= 40))];
  return codes.length > 0 ? codes.slice(0, 500) : null;
}
