import { describe, expect, it } from 'vitest';
import { patternProblem } from './safePattern';

describe('patterns typed by an administrator', () => {
  it.each(['^(\\d+)\\.(?:jpe?g|png)$', 'Docent: (\\w+)', 'Klas: (.*)', '^([A-Z]\\d\\.\\d+)', '(ab|cd)+', '\\((a+)\\)+', '[(a+)]+'])('accepts %s', (p) => {
    expect(patternProblem(p)).toBeNull();
  });

  it.each(['(a+)+', '^((?:\\w+[ _-]?)+)\\.jpe?g$', 'Docent:\\s*((?:\\w+,?\\s*)+)\\.', '(a*)*', '(x+){2,}', '((ab)+)*'])('refuses %s, which can backtrack forever', (p) => {
    expect(patternProblem(p)).toMatch(/repeats a group/);
  });

  it('refuses what does not compile, and what is too long', () => {
    expect(patternProblem('([a-z')).toMatch(/not a valid/);
    expect(patternProblem('a'.repeat(201))).toMatch(/longer than 200/);
  });
});
