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
    // Links leave the app in a new tab, so a click does not end a streaming reply.
    if (node.tagName !== 'A') return;
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  });
  return instance;
}

const sanitizeOptions = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['img', 'picture', 'source', 'video', 'audio', 'track', 'style', 'form', 'input', 'button', 'textarea', 'select'],
  FORBID_ATTR: ['style', 'srcset'],
};

/** Markdown to HTML that is safe to insert into the page. */
export function renderMarkdown(source: string): string {
  return purifier.sanitize(markdown.parse(source, { async: false }), sanitizeOptions);
}
