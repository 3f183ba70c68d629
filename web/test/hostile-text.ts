// Hostile text as it may reach the pages from imported rosters, notes and reasons.
export const SCRIPT = '<script>globalThis.pwned = "script"</script>';
export const IMG = '<img src=x onerror="globalThis.pwned=\'img\'">';
export const QUOTES = `"'><iframe src="javascript:alert(1)" onload=alert(1)>`;
export const RTL = '\u202Egpj.exe 김철수';
export const ZERO_WIDTH = 'zero\u200Bwidth\u200C\u200D\uFEFF\u2060joiner';
export const LONG = 'A'.repeat(100 * 1024);
export const EMOJI = '👩‍👩‍👧‍👦 🇰🇷 Z\u0351\u0358a\u0300\u0301l\u0302g\u0303o\u0304 한\u0300글\u20DD';

export const ALL = { SCRIPT, IMG, QUOTES, RTL, ZERO_WIDTH, LONG, EMOJI };
