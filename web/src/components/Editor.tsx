import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * A plain-text code editor: a textarea with a line-number gutter. Long lines wrap
 * (nothing is cut off at the right); a hidden copy of the text, one block per line,
 * measures how tall each wrapped line is so its number stays beside it. `errorLine`
 * marks a line in the gutter; `focus` moves the caret to a line:col ("jump to error").
 */
export function Editor(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  errorLine?: number | undefined;
  focus?: { line: number; col: number; nonce: number } | undefined;
  name?: string;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const mirror = useRef<HTMLDivElement>(null);
  const rows = props.value.split('\n');
  /** Height in px of each line as wrapped in the textarea (20 per visual line). */
  const [heights, setHeights] = useState<number[]>([]);

  useLayoutEffect(() => {
    const measure = (): void => {
      const el = area.current;
      const m = mirror.current;
      if (!el || !m) return;
      m.style.width = `${el.clientWidth}px`;
      const next = Array.from(m.children, (c) => (c as HTMLElement).offsetHeight);
      setHeights((prev) =>
        prev.length === next.length && prev.every((h, i) => h === next[i]) ? prev : next,
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    if (area.current) observer.observe(area.current);
    return () => observer.disconnect();
  }, [props.value]);

  useEffect(() => {
    const el = area.current;
    if (!el || !props.focus) return;
    const { line, col } = props.focus;
    let offset = 0;
    for (let i = 0; i < line - 1 && i < rows.length; i++) offset += rows[i]!.length + 1;
    offset += Math.max(0, col - 1);
    el.focus();
    el.setSelectionRange(offset, offset + 1);
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
    const above =
      heights.length > 0
        ? heights.slice(0, Math.max(0, line - 4)).reduce((a, b) => a + b, 0)
        : (line - 4) * lineHeight;
    el.scrollTop = Math.max(0, above);
    // Only when a new error arrives (nonce), not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.focus?.nonce]);

  return (
    <div className="editor">
      <div className="editor-label">{props.label}</div>
      <div className="editor-body">
        <div className="editor-gutter" ref={gutter} aria-hidden>
          {rows.map((_, i) => (
            <div
              key={i}
              className={props.errorLine === i + 1 ? 'gutter-line gutter-error' : 'gutter-line'}
              style={{ height: heights[i] ?? 20 }}
            >
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          ref={area}
          name={props.name}
          spellCheck={false}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
        <div className="editor-mirror" ref={mirror} aria-hidden>
          {rows.map((row, i) => (
            <div key={i}>{row === '' ? '\u200b' : row}</div>
          ))}
        </div>
      </div>
    </div>
  );
}
