import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, ApiError, setToken } from '../api.ts';

/** Asks for the token `atelier serve` printed, checks it against the server, keeps it. */
export function Login(props: { onDone(): void; rejected: boolean }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(
    props.rejected ? 'The stored token was not accepted.' : null,
  );
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setToken(value.trim());
    try {
      await api('/api/openapi.json');
      props.onDone();
    } catch (err) {
      setToken(null);
      setError(
        err instanceof ApiError && err.status === 401
          ? 'That token is not valid for this server.'
          : String(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <form className="card login-card" onSubmit={(e) => void submit(e)}>
        <div className="brand brand-large">
          <span className="brand-mark">A</span> Atelier
        </div>
        <p className="muted">
          Paste the access token that <code>atelier serve</code> printed when it first started (it
          is also stored beside the database, in <code>.atelier/token</code>).
        </p>
        <label className="field">
          <span>Access token</span>
          <input
            name="token"
            type="password"
            autoFocus
            value={value}
            onChange={(e) => setValue(e.target.value)}
            placeholder="atl_…"
          />
        </label>
        {error && <div className="alert alert-error">{error}</div>}
        <button className="btn btn-primary" disabled={busy || value.trim() === ''}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
