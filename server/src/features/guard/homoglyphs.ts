/**
 * Letters from other scripts that look like Latin ones, keyed by their lowercase form (text is
 * lowercased first, so Cyrillic "Н" arrives here as "н"). Both the prompt and the reply are mapped,
 * so a Russian or Greek prompt still matches a Russian or Greek reply.
 */
export const latinLookalikes: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', с: 'c', ԁ: 'd', е: 'e', ё: 'e', һ: 'h', н: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', ӏ: 'l', м: 'm',
  о: 'o', р: 'p', ԛ: 'q', ѕ: 's', т: 't', у: 'y', ԝ: 'w', х: 'x',
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', ς: 's', σ: 's', τ: 't', υ: 'u', χ: 'x',
  // Latin letters outside ASCII that NFKD leaves alone
  ı: 'i', ɡ: 'g', ɑ: 'a', ǀ: 'l', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', đ: 'd', ł: 'l',
};
