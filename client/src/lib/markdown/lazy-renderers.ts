import type * as HighlighterModule from './highlighter.ts';
import type * as TypesetterModule from './typesetter.ts';

export type Highlighter = typeof HighlighterModule;
export type Typesetter = typeof TypesetterModule;

/** After a failed fetch (offline, or a tab older than the last deploy), how long before asking again. */
const retryMs = 10_000;
const listeners = new Set<() => void>();
/** How many times a library or a grammar has come: what was rendered before then may render better now. */
let generation = 0;

function announce(): void {
  generation++;
  for (const listener of listeners) listener();
}

/**
 * A library only some replies need: highlight.js and KaTeX are most of the session page's script,
 * and most replies have neither code nor math, so it is not in the page's own script. It is fetched
 * once the page is idle (see preloadRenderers) or the first time a reply needs it, and warmed up
 * before anyone is told it came, so the reply that asked for it does not pay for that in one frame.
 */
class LazyLibrary<T> {
  #library: T | undefined;
  #loading = false;
  #retryAt = 0;
  readonly #load: () => Promise<T>;
  readonly #warmUp: (library: T) => Promise<void>;

  constructor(load: () => Promise<T>, warmUp: (library: T) => Promise<void>) {
    this.#load = load;
    this.#warmUp = warmUp;
  }

  /** The library, or undefined while it is fetched (the first call starts fetching it). */
  get(): T | undefined {
    if (this.#library || this.#loading || performance.now() < this.#retryAt) return this.#library;
    this.#loading = true;
    void this.#load()
      .then(async (library) => {
        await this.#warmUp(library);
        this.#library = library;
        announce();
      })
      .catch(() => {
        this.#retryAt = performance.now() + retryMs;
      })
      .finally(() => {
        this.#loading = false;
      });
    return undefined;
  }
}

/** Languages asked for while highlight.js was on its way: their grammars are compiled before it is announced. */
const wantedLanguages = new Set<string>();
const highlighter = new LazyLibrary(() => import('./highlighter.ts'), async (library) => {
  await inIdleTime(library.registrations);
  await inIdleTime([...wantedLanguages].map((language) => () => library.compileGrammar(language)));
});
/** Grammars being compiled in an idle moment: compiled in the frame that first showed its code, one took a long task. */
const compiling = new Set<string>();

/** highlight.js with the grammar of `language` ready; undefined until then (asking fetches and compiles it). */
export function highlighterFor(language: string): Highlighter | undefined {
  const library = highlighter.get();
  if (!library) wantedLanguages.add(language);
  if (!library || !library.needsCompiling(language)) return library;
  if (!compiling.has(language)) {
    compiling.add(language);
    void inIdleTime([() => library.compileGrammar(language)]).then(() => {
      compiling.delete(language);
      announce();
    });
  }
  return undefined;
}

/** The fonts of most formulas: fetched before KaTeX is used, not by the first formula laid out. */
const typesetterFonts = ['1em KaTeX_Main', 'italic 1em KaTeX_Math', '1em KaTeX_Size2'];
const warmUpFormula = 'e^{i\\pi} + \\int_0^1 x\\,dx = \\frac{1}{2}';
/**
 * Its parts, typeset one an idle moment before the whole: KaTeX's first formulas are slow (its
 * code is not optimised yet), and the whole one first took a long task of its own.
 */
const warmUpParts = ['x', 'e^{i\\pi}', '\\int_0^1 x\\,dx', '\\frac{1}{2}'];

const typesetter = new LazyLibrary(() => import('./typesetter.ts'), async (library) => {
  await Promise.all(typesetterFonts.map((font) => document.fonts.load(font).catch(() => [])));
  await inIdleTime([...warmUpParts.map((tex) => () => library.texToHtml(tex, false)), () => library.texToHtml(warmUpFormula, true)]);
  await typesetOutOfSight(library);
});

/** The languages most code in replies is in: their grammars are compiled before a reply shows any. */
const commonLanguages = ['typescript', 'javascript', 'python', 'bash', 'json'];
let preloading = false;

/**
 * Fetches and warms up highlight.js and KaTeX once the page has an idle moment, so a reply's first
 * code block or formula finds them ready: fetched by the reply, they were parsed, compiled and their
 * stylesheet applied to the whole page in the middle of its stream (long tasks the reader saw).
 */
export function preloadRenderers(): void {
  if (preloading) return;
  preloading = true;
  void idle().then(() => {
    for (const language of commonLanguages) wantedLanguages.add(language);
    highlighter.get();
    typesetter.get();
  });
}

/** KaTeX, once it has come; asking before then fetches it. */
export function loadedTypesetter(): Typesetter | undefined {
  return typesetter.get();
}

/** Calls `listener` whenever a library or grammar has come, so what was rendered without it can be rendered again. */
export function onRendererLoaded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Counts what has come so far: a render made at an older count, and provisional, can be made again. */
export function rendererGeneration(): number {
  return generation;
}

/**
 * A formula laid out once where no one sees it, and two frames let pass: the first one laid out
 * (KaTeX's stylesheet applied) took a 50-60 ms task of style and layout.
 */
function typesetOutOfSight(library: Typesetter): Promise<void> {
  const probe = document.createElement('div');
  probe.className = 'visually-hidden';
  probe.setAttribute('aria-hidden', 'true');
  probe.innerHTML = library.texToHtml(warmUpFormula, true);
  document.body.append(probe);
  return new Promise((resolve) =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        probe.remove();
        resolve();
      }),
    ),
  );
}

/** Runs `steps` in moments the page has nothing else to do, as many in each as it has time for. */
async function inIdleTime(steps: ReadonlyArray<() => unknown>): Promise<void> {
  let next = 0;
  while (next < steps.length) {
    const deadline = await idle();
    do steps[next++]?.();
    while (next < steps.length && deadline.timeRemaining() > 0);
  }
}

/** A moment the page has nothing else to do (or 5 s, whichever comes first). */
function idle(): Promise<IdleDeadline> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(resolve, { timeout: 5000 });
    else setTimeout(() => resolve({ didTimeout: true, timeRemaining: () => 0 }), 50);
  });
}
