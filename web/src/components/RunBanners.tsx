/** The banners of a run that ended early: failed (with the why-not) or interrupted. */

/** Why-not lines shown at first; the rest open on demand. */
const WHY_NOT_LINES = 8;

/** A failed run: its reason and the reasoner's why-not, from its events. */
export function FailureBanner({ failure }: { failure: { reason: string; whyNot: string[] } }) {
  const { reason, whyNot } = failure;
  return (
    <div className="approval failed" data-testid="run-failure">
      <div className="approval-icon">✕</div>
      <div className="approval-text">
        <div>
          <strong>Run failed:</strong> {reason}
        </div>
        {whyNot.length > 0 && (
          <pre className="why-not" data-testid="why-not">
            {whyNot.slice(0, WHY_NOT_LINES).join('\n')}
          </pre>
        )}
        {whyNot.length > WHY_NOT_LINES && (
          <details className="why-not-more">
            <summary>{whyNot.length - WHY_NOT_LINES} more lines</summary>
            <pre className="why-not">{whyNot.slice(WHY_NOT_LINES).join('\n')}</pre>
          </details>
        )}
      </div>
    </div>
  );
}

/**
 * An interrupted run: why, as its `run.interrupted` event says (Ctrl-C in the terminal,
 * the server stopping); runs from before that event say only that it stopped early.
 */
export function InterruptedBanner(props: { reason: unknown; onResume(): void }) {
  return (
    <div className="approval interrupted">
      <div className="approval-icon">‖</div>
      <div className="approval-text">
        <div data-testid="interrupted-reason">
          <strong>This run was interrupted</strong>
          {typeof props.reason === 'string' ? ` (${props.reason}).` : ' before it ended.'}
        </div>
        <div className="muted small">
          Resuming continues from its event log: finished steps are not run again.
        </div>
      </div>
      <div className="approval-actions">
        <button className="btn btn-primary" onClick={props.onResume}>
          Resume run
        </button>
      </div>
    </div>
  );
}
