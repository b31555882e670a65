/**
 * The message box: Enter sends, Shift+Enter is a new line (and an IME's Enter composes),
 * Esc stops the answer being written. Over the size limit it says by how much; the text
 * stays until it is sent.
 */
import type { KeyboardEvent, RefObject } from 'react';
import { MAX_MESSAGE_CHARS } from './api.ts';

export function Composer(props: {
  text: string;
  setText(text: string): void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  target: string;
  streaming: boolean;
  sending: boolean;
  onSend(): void;
  onStop(): void;
}) {
  const { text, streaming } = props;
  const over = text.length > MAX_MESSAGE_CHARS;
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Escape' && streaming) {
      e.preventDefault();
      props.onStop();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      if (!streaming) props.onSend();
    }
  };
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        if (streaming) props.onStop();
        else props.onSend();
      }}
    >
      <label htmlFor="composer-input" className="sr-only">
        Message
      </label>
      <textarea
        id="composer-input"
        ref={props.inputRef}
        value={text}
        rows={Math.min(10, Math.max(1, text.split('\n').length))}
        placeholder={`Message ${props.target}`}
        onChange={(e) => props.setText(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby="composer-help"
        aria-invalid={over}
      />
      {streaming ? (
        <button type="submit" className="btn composer-btn" aria-keyshortcuts="Escape">
          Stop
        </button>
      ) : (
        <button
          type="submit"
          className="btn btn-primary composer-btn"
          disabled={props.sending || text.trim() === '' || props.target === ''}
        >
          Send
        </button>
      )}
      <p id="composer-help" className={over ? 'composer-help chat-note-error' : 'composer-help'}>
        {over
          ? `${text.length.toLocaleString('en')} of ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters: too long to send`
          : 'Enter sends · Shift+Enter new line · Esc stops the answer'}
      </p>
    </form>
  );
}
