import DOMPurify from 'dompurify';
import { Marked } from 'marked';

// A reply is untrusted text. An image in it would make the browser fetch a URL the model chose (a known
// way to leak a conversation), so images become plain links and raw <img>, media and forms are dropped.
const markdown = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    image(image) {
      return this.link({ ...image, type: 'link' });
    },
  },
});

const purifier = createPurifier();

function createPurifier() {
  // Our own instance, so its hook cannot leak into other users of DOMPurify.
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    // Marked's only classes name a code block's language; any other could borrow the app's scoped
    // styles (`bubble svelte-…` makes a reply look like the user's own message).
    const languages = [...node.classList].filter((name) => name.startsWith('language-'));
    if (languages.length > 0) node.setAttribute('class', languages.join(' '));
    else node.removeAttribute('class');
    // Links leave the app in a new tab, so a click does not end a streaming reply.
    if (node.tagName !== 'A') return;
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  });
  return instance;
}

// A reply shares the page with the app and must stay inside its bubble: an open <dialog> is laid out
// over the page (it covered the composer), and ids, label targets, roles or ARIA would let it take the
// name of the app's own controls (<a id="composer-message"> unlabelled the message box) or pose as one.
const sanitizeOptions = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['img', 'picture', 'source', 'video', 'audio', 'track', 'style', 'form', 'input', 'button', 'textarea', 'select', 'dialog'],
  FORBID_ATTR: ['style', 'srcset', 'id', 'name', 'for', 'role', 'tabindex'],
  ALLOW_ARIA_ATTR: false,
};

/** Markdown to HTML that is safe to insert into the page. */
export function renderMarkdown(source: string): string {
  return purifier.sanitize(markdown.parse(source, { async: false }), sanitizeOptions);
}
