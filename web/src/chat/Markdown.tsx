/**
 * Markdown from a model, rendered inert: `marked` turns it into HTML, DOMPurify keeps
 * only harmless elements and attributes (no scripts, event handlers, `javascript:`
 * links, images, forms or styles), and only then does it reach the page. Links open in
 * a new tab without access to this one. Code blocks get a Copy button.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { useMemo } from 'react';
import type { MouseEvent } from 'react';
import { copyText } from './api.ts';

const marked = new Marked({ gfm: true, breaks: true });
marked.use({
  renderer: {
    code({ text, lang }) {
      const language = (lang ?? '').replace(/[^\w+-]/g, '');
      const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      return `<div class="code-block"><div class="code-head"><span>${language || 'code'}</span><button type="button" class="code-copy">Copy code</button></div><pre><code>${escaped}</code></pre></div>`;
    },
  },
});

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

/** Markdown as sanitized HTML. */
export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false });
  return DOMPurify.sanitize(html, {
    FORBID_TAGS: ['img', 'style', 'form', 'input', 'textarea', 'select', 'iframe', 'svg', 'math'],
    FORBID_ATTR: ['style', 'id', 'name'],
    ALLOW_DATA_ATTR: false,
  });
}

export function Markdown({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  const onClick = (e: MouseEvent<HTMLDivElement>): void => {
    const button = (e.target as HTMLElement).closest('button.code-copy');
    if (!button) return;
    const code = button.closest('.code-block')?.querySelector('pre')?.textContent ?? '';
    void copyText(code).then((ok) => {
      button.textContent = ok ? 'Copied' : 'Copy failed';
      setTimeout(() => (button.textContent = 'Copy code'), 1500);
    });
  };
  // The HTML was sanitized by DOMPurify just above (renderMarkdown).
  return <div className="md" onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />;
}
