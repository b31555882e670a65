/** The work products of a run as a section of its Markdown report. */
import type { RunDetail } from '../log/views.js';

/** `## Work products`: each product under its title, with its step and author; none: nothing. */
export function productsMarkdown(products: RunDetail['products']): string[] {
  if (products.length === 0) return [];
  const out = ['## Work products', ''];
  for (const p of products) {
    out.push(
      `### ${p.title}`,
      '',
      `*by ${p.agent}, step ${p.stepId}: \`(${[p.action, ...p.args].join(' ')})\`*`,
      '',
      // Headings of the product go one level below its title.
      p.markdown.trim().replace(/^(#{1,5}) /gm, '###$1 '),
      '',
    );
  }
  return out;
}
