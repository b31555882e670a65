import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { Link } from '../components/Link.tsx';
import { navigate } from '../router.ts';
import { mergeRunPages, timeAgo } from '../runs.ts';
import type { MissionInfo, RunInfo, RunsPage as RunsPageData } from '../runs.ts';

/** Runs shown per page; older ones come with "Load more". */
const PAGE_SIZE = 50;

/**
 * Home: start any mission, and the list of runs, newest first (the first page refreshed
 * every two seconds; older pages loaded on demand, so the page costs the same whatever
 * the number of runs stored).
 */
export function RunsPage() {
  const [missions, setMissions] = useState<MissionInfo[] | null>(null);
  const [runs, setRuns] = useState<RunInfo[] | null>(null);
  const [older, setOlder] = useState<RunInfo[]>([]);
  /** Cursor of the page after the last one shown (null: nothing older). */
  const [next, setNext] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const olderShown = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    const load = async (): Promise<void> => {
      try {
        const [m, r] = await Promise.all([
          api<MissionInfo[]>('/api/missions'),
          api<RunsPageData>(`/api/runs?limit=${PAGE_SIZE}`),
        ]);
        if (!alive) return;
        setMissions(m);
        setRuns(r.runs);
        // Until older pages are shown, "Load more" continues from the first page.
        if (!olderShown.current) setNext(r.nextCursor);
        setError(null);
      } catch (err) {
        if (alive) setError(err instanceof Error ? err.message : String(err));
      }
    };
    void load();
    const timer = setInterval(() => void load(), 2000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);

  const loadMore = async (): Promise<void> => {
    if (next === null) return;
    setLoadingMore(true);
    try {
      const page = await api<RunsPageData>(
        `/api/runs?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(next)}`,
      );
      olderShown.current = true;
      setOlder((o) => [...o, ...page.runs]);
      setNext(page.nextCursor);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setLoadingMore(false);
    }
  };

  const start = async (mission: string): Promise<void> => {
    setStarting(mission);
    try {
      const run = await api<RunInfo>('/api/runs', { body: { mission } });
      navigate(`/runs/${run.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setStarting(null);
    }
  };

  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>Runs</h1>
          <p className="muted">
            Start a mission and watch the team plan, split the work and carry it out.
          </p>
        </div>
      </header>
      {error && <div className="alert alert-error page-alert">{error}</div>}

      <h3>Missions</h3>
      <div className="mission-grid">
        {missions === null && <div className="muted">Loading…</div>}
        {missions?.length === 0 && (
          <div className="muted">No missions are available on this server.</div>
        )}
        {missions?.map((m) => (
          <div key={m.name} className="card mission-card" data-mission={m.name}>
            <div className="mission-name">{m.name}</div>
            <p className="muted mission-desc">{m.description || 'No description.'}</p>
            <div className="mission-foot">
              <span className="tag">{m.source}</span>
              <Link to={`/missions/${encodeURIComponent(m.name)}/model`} className="btn btn-small">
                Action model<span className="sr-only"> of {m.name}</span>
              </Link>
              <button
                className="btn btn-primary btn-small"
                disabled={starting !== null}
                onClick={() => void start(m.name)}
              >
                {starting === m.name ? 'Starting…' : 'Start run'}
              </button>
            </div>
          </div>
        ))}
      </div>

      <h3>Recent runs</h3>
      <div className="card table-card">
        {runs !== null && runs.length === 0 ? (
          <div className="muted empty-row">No runs yet — start a mission above.</div>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Run</th>
                <th>Mission</th>
                <th>Status</th>
                <th className="num">Steps</th>
                <th className="num">Re-plans</th>
                <th>Goal</th>
                <th>Started</th>
              </tr>
            </thead>
            <tbody>
              {(runs === null ? [] : mergeRunPages(runs, older)).map((r) => (
                <tr key={r.id} onClick={() => navigate(`/runs/${r.id}`)} className="clickable">
                  <td className="nowrap">
                    <Link to={`/runs/${r.id}`} className="mono">
                      {r.id}
                    </Link>
                  </td>
                  <td className="nowrap">{r.mission}</td>
                  <td className="nowrap">
                    <span className={`badge badge-${r.status.replace('-', '_')}`}>
                      {r.status.replace('-', ' ')}
                    </span>
                  </td>
                  <td className="num">{r.steps}</td>
                  <td className="num">{r.replans}</td>
                  <td className="mono goal-cell" title={r.goal}>
                    {r.goal}
                  </td>
                  <td className="muted nowrap" title={new Date(r.startedAt).toLocaleString()}>
                    {timeAgo(r.startedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {next !== null && (
          <div className="load-more">
            <button
              className="btn btn-small"
              disabled={loadingMore}
              onClick={() => void loadMore()}
            >
              {loadingMore ? 'Loading…' : 'Load more'}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
