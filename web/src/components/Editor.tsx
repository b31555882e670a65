import { useEffect, useRef } from 'react';

/**
 * A plain-text code editor: a textarea with a line-number gutter. `errorLine` marks
 * a line in the gutter; `focus` moves the caret to a line:col (for "jump to error").
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
  const lines = Math.max(1, props.value.split('\n').length);

  useEffect(() => {
    const el = area.current;
    if (!el || !props.focus) return;
    const { line, col } = props.focus;
    const rows = props.value.split('\n');
    let offset = 0;
    for (let i = 0; i < line - 1 && i < rows.length; i++) offset += rows[i]!.length + 1;
    offset += Math.max(0, col - 1);
    el.focus();
    el.setSelectionRange(offset, offset + 1);
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
    el.scrollTop = Math.max(0, (line - 4) * lineHeight);
    // Only when a new error arrives (nonce), not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.focus?.nonce]);

  return (
    <div className="editor">
      <div className="editor-label">{props.label}</div>
      <div className="editor-body">
        <div className="editor-gutter" ref={gutter} aria-hidden>
          {Array.from({ length: lines }, (_, i) => (
            <div key={i} className={props.errorLine === i + 1 ? 'gutter-line gutter-error' : 'gutter-line'}>
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
      </div>
    </div>
  );
}
