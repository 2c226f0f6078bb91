/**
 * A school's staff list as Excel saves it in a Dutch locale (semicolons, a byte order mark, CRLF), with `count` good
 * rows and, where asked, the five kinds of bad row an administrator meets. Deterministic.
 */
export function staffListCsv(count: number, options: { bad?: boolean } = {}): { csv: string; badLines: Map<number, string> } {
  const lines = ['Code;Naam;E-mail;Rol'];
  for (let i = 0; i < count; i++) {
    const code = `d${String(i).padStart(3, '0')}`;
    // Every tenth name as the timetable writes it, with the code after it: imported once, never shown twice.
    const name = i % 10 === 0 ? `"Docent, ${i} (${code.toUpperCase()})"` : `Docent ${i}`;
    lines.push(`${code.toUpperCase()};${i % 10 === 0 ? name.replace(/"Docent, (\d+)/, '"Docent $1') : name};${code}@school.example;${i % 50 === 0 ? 'Beheerder' : 'docent'}`);
  }
  const badLines = new Map<number, string>();
  if (options.bad) {
    const bad: [string, string][] = [
      [';Zonder Code;zc@school.example;docent', 'noCode'],
      ['X Y;Spatie In Code;xy@school.example;docent', 'badCode'],
      ['NONAME;;noname@school.example;docent', 'noName'],
      ['MAIL;Verkeerd Adres;geen-adres;docent', 'badEmail'],
      ['ROL;Onbekende Rol;rol@school.example;conciërge', 'badRole'],
    ];
    // Spread through the file, as mistakes are.
    bad.forEach(([row, problem], k) => {
      const at = 1 + Math.floor(((k + 1) * lines.length) / (bad.length + 1));
      lines.splice(at, 0, row);
      // Lines shift as rows go in; recorded after all are placed.
      badLines.set(-1 - k, problem);
    });
    badLines.clear();
    lines.forEach((l, i) => {
      const hit = bad.find(([row]) => row === l);
      if (hit) badLines.set(i + 1, hit[1]);
    });
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, badLines };
}
