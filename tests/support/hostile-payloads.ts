import { limits } from '@gptlab/common';

/** Strings that have broken parsers, databases and renderers before. */
export const unicodeEdges = [
  '\u0000',
  'nul\u0000inside',
  '\uD800',
  'lone \uDFFF low',
  '\uDBFF\uDFFF',
  '\u202Egnp.exe',
  '\u200B\u200C\u200D\uFEFF',
  '😀🧑‍🚀🏳️‍🌈',
  '𝕳𝖊𝖑𝖑𝖔',
  'e\u0301\u0301\u0301\u0301',
  '\r\n\t\v\f',
  '<script>alert(1)</script>',
  '{"__proto__":{"polluted":true}}',
  '$where',
  "'; DROP TABLE sessions; --",
];

/** Values of every JSON type, at their edges, for any field or the whole payload. */
export const junkValues: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 53 + 1,
  -1e308,
  '',
  ' ',
  'x',
  'null',
  '__proto__',
  'constructor',
  [],
  [null],
  [[[]]],
  {},
  { '': '' },
  { length: 1e9 },
  { toString: 'x', valueOf: 1 },
  { $gt: '' },
  { $ne: null },
  Array.from({ length: 1_000 }, (_, i) => i),
  'a'.repeat(10_000),
  '😀'.repeat(5_000),
  ...unicodeEdges,
];

/** Oversized strings: one past the message cap, and near Socket.IO's frame limit. */
export const oversizedStrings = [
  'x'.repeat(limits.messageMaxChars + 1),
  'y'.repeat(limits.maxHttpBufferSize - 2_000),
];

/** JSON texts that turn into prototype-polluting objects when a careless merge copies them. */
export function pollutingJson(template: Record<string, unknown>): string[] {
  const body = JSON.stringify(template).slice(1, -1);
  const comma = body ? ',' : '';
  return [
    `{"__proto__":{"polluted":"yes"}${comma}${body}}`,
    `{${body}${comma}"__proto__":{"polluted":"yes","isAdmin":true}}`,
    `{"constructor":{"prototype":{"polluted":"yes"}}${comma}${body}}`,
    `{"prototype":{"polluted":"yes"}${comma}${body}}`,
    `{${body}${comma}"toString":"polluted","hasOwnProperty":"polluted","valueOf":{}}`,
    ...Object.keys(template).map((key) => `{${body}${comma}"${key}":{"__proto__":{"polluted":"yes"}}}`),
  ];
}

/** 10,000 levels of nesting, as arrays and as objects, in JSON text. */
export const deeplyNestedJson = ['['.repeat(10_000) + ']'.repeat(10_000), '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)];

/** Frames a Socket.IO server must survive: broken packets, bad ids, other namespaces, forbidden events. */
export const malformedFrames = [
  '4',
  '42',
  '42[',
  '42[]',
  '42[1]',
  '42{}',
  '42"session:list"',
  '42["session:list",',
  '42["disconnect"]',
  '42["newListener","session:list"]',
  '4299999999999999999999["session:list",{}]',
  '42-1["session:list",{}]',
  '43["session:list"]',
  '49',
  '4x',
  '40',
  '41',
  '40/admin,{}',
  '42/admin,["session:list",{}]',
  '451-["session:list",{"_placeholder":true,"num":0}]',
  '4599-["session:list",{"_placeholder":true,"num":0}]',
  '6',
  '\u0000',
  'x'.repeat(1_000),
];
