/** One figure of the benchmark, with the target it is held to (if any). */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: { op: '<' | '<='; limit: number };
}

export function printFigures(title: string, figures: Figure[]): boolean {
  let allMet = true;
  console.log(`\n${title}`);
  for (const f of figures) {
    const value = f.unit === 'x' ? f.value.toFixed(2) : f.value < 10 ? f.value.toFixed(3) : f.value.toFixed(1);
    let verdict = '';
    if (f.target) {
      const met = f.target.op === '<' ? f.value < f.target.limit : f.value <= f.target.limit;
      allMet &&= met;
      verdict = `  target ${f.target.op} ${f.target.limit} ${f.unit}: ${met ? 'met' : 'MISSED'}`;
    }
    console.log(`  ${f.name.padEnd(58)} ${value.padStart(10)} ${f.unit}${verdict}`);
  }
  return allMet;
}
