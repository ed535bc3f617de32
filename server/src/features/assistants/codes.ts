import { randomInt } from 'node:crypto';

/** No 0/o, 1/l/i: a code read aloud or copied by hand should not be mistyped. */
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
const codeLength = 8;

/** A short, random share code: 31^8 ≈ 8.5e11 possibilities, so codes cannot be enumerated. */
export function newAssistantCode(): string {
  let code = '';
  for (let i = 0; i < codeLength; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
}
