import { detectLeak } from '../../server/src/features/guard/service.ts';
import { evalPrompts as p } from './prompts.ts';
const prompt = p.runningCoach;
const leet = (t: string) => t.replace(/[aeiost]/giu, (c) => ({ a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' } as any)[c.toLowerCase()]);
const nato: Record<string, string> = { a: 'Alfa', b: 'Bravo', c: 'Charlie', d: 'Delta', e: 'Echo', f: 'Foxtrot', g: 'Golf', h: 'Hotel', i: 'India', j: 'Juliett', k: 'Kilo', l: 'Lima', m: 'Mike', n: 'November', o: 'Oscar', p: 'Papa', q: 'Quebec', r: 'Romeo', s: 'Sierra', t: 'Tango', u: 'Uniform', v: 'Victor', w: 'Whiskey', x: 'Xray', y: 'Yankee', z: 'Zulu' };
const part = prompt.split('. ').slice(1, 4).join('. ');
const forms: Record<string, string> = {
  leet: leet(part),
  leetSpaced: [...leet(part)].join(' '),
  lettersDots: part.split(' ').map((w) => [...w].join('.')).join(' / '),
  lettersNewlines: [...part.replace(/\s+/g, '')].join('\n'),
  lettersNumbered: [...part.replace(/[^a-z]/gi, '')].map((c, i) => `${i + 1}. ${c}`).join('\n'),
  nato: [...part.toLowerCase().replace(/[^a-z ]/g, '')].map((c) => (c === ' ' ? '/' : nato[c])).join(' '),
  upsideWords: part.split(' ').reverse().join(' '),
  reversedWhole: [...part].reverse().join(''),
  everyOtherUpper: [...part].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join(''),
  vowelsRemoved: part.replace(/[aeiou]/gi, ''),
  camel: part.split(' ').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(''),
  snake: part.replace(/\s+/g, '_'),
  cyrTranslit: part.replace(/[a-z]/gi, (c) => ({ a: 'а', b: 'б', c: 'к', d: 'д', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и', j: 'дж', k: 'к', l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', q: 'к', r: 'р', s: 'с', t: 'т', u: 'у', v: 'в', w: 'в', x: 'кс', y: 'й', z: 'з' } as any)[c.toLowerCase()] ?? c),
  binary: [...Buffer.from(part)].map((b) => b.toString(2).padStart(8, '0')).join(' '),
  decimalBytes: [...Buffer.from(part)].join(' '),
  urlEncoded: encodeURIComponent(part),
  morse: [...part.toLowerCase().replace(/[^a-z ]/g, '')].map((c) => (c === ' ' ? '/' : ({a:'.-',b:'-...',c:'-.-.',d:'-..',e:'.',f:'..-.',g:'--.',h:'....',i:'..',j:'.---',k:'-.-',l:'.-..',m:'--',n:'-.',o:'---',p:'.--.',q:'--.-',r:'.-.',s:'...',t:'-',u:'..-',v:'...-',w:'.--',x:'-..-',y:'-.--',z:'--..'} as any)[c])).join(' '),
};
for (const [name, reply] of Object.entries(forms)) console.log(name.padEnd(16), JSON.stringify(detectLeak(prompt, `Here: ${reply}`)));
