/**
 * A mission's action model: each tool's declared precondition and effect beside the ones
 * learned (SAM) from the mission's stored runs, with what the observations add or miss
 * marked in words as well as colour, the contradictions, and the UNVERIFIED proposals of
 * tools never observed (GET /api/missions/:name/model).
 */
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { Link } from '../components/Link.tsx';
import type { MissionModel, ToolModelView } from '../../../src/team/learning/view-schema.ts';

type Mark = 'added' | 'missing' | undefined;

function Literals(props: { items: readonly string[]; marked: readonly string[]; mark: Mark }) {
  if (props.items.length === 0) return <p className="muted model-none">none</p>;
  return (
    <ul className="model-literals">
      {props.items.map((l) => {
        const m = props.marked.includes(l) ? props.mark : undefined;
        return (
          <li key={l} className={m === undefined ? undefined : `model-${m}`}>
            {m !== undefined && (
              <span className="model-mark">
                {m === 'added' ? 'observed, not declared' : 'declared, not observed'}
              </span>
            )}
            <code>{l}</code>
          </li>
        );
      })}
    </ul>
  );
}

function Column(props: {
  title: string;
  pre: readonly string[];
  eff: readonly string[];
  marked?: { pre: readonly string[]; eff: readonly string[]; mark: Mark };
}) {
  const m = props.marked ?? { pre: [], eff: [], mark: undefined };
  return (
    <div className="model-column">
      <h3>{props.title}</h3>
      <h4>Precondition</h4>
      <Literals items={props.pre} marked={m.pre} mark={m.mark} />
      <h4>Effect</h4>
      <Literals items={props.eff} marked={m.eff} mark={m.mark} />
    </div>
  );
}

function learnedTitle(t: ToolModelView): string {
  const l = t.learned;
  if (l === undefined) return 'Learned: never observed';
  const n = `${l.observations} observation${l.observations === 1 ? '' : 's'}`;
  return l.status === 'learned' ? `Learned from ${n}` : `Learned: ${l.status} (${n})`;
}

function ToolCard({ t }: { t: ToolModelView }) {
  const id = `tool-${t.tool}`;
  const d = t.diff;
  const differs =
    d.preconditionAdded.length +
      d.preconditionMissing.length +
      d.effectAdded.length +
      d.effectMissing.length >
    0;
  return (
    <section className="card model-tool" aria-labelledby={id} data-tool={t.tool}>
      <div className="card-head">
        <h2 id={id}>
          <code>({[t.tool, ...t.params].join(' ')})</code>
        </h2>
        <span className="tag">{t.kind === 'declared' ? 'declared tool' : 'learned tool'}</span>
      </div>
      {t.proposal !== undefined && (
        <div className="model-unverified" role="note">
          <strong>UNVERIFIED</strong> {t.proposal.by === 'model' ? "the model's" : 'bootstrap'}{' '}
          proposal, used until the tool is first observed: <code>{t.proposal.precondition}</code> →{' '}
          <code>{t.proposal.effect}</code>
        </div>
      )}
      <div className="model-columns">
        {t.declared !== undefined && (
          <Column
            title="Declared"
            pre={t.declared.precondition}
            eff={t.declared.effect}
            marked={{ pre: d.preconditionMissing, eff: d.effectMissing, mark: 'missing' }}
          />
        )}
        {t.learned === undefined ? (
          <div className="model-column">
            <h3>{learnedTitle(t)}</h3>
            <p className="muted">No step of this tool succeeded in the stored runs yet.</p>
          </div>
        ) : (
          <Column
            title={learnedTitle(t)}
            pre={[...t.learned.precondition, ...t.learned.cases]}
            eff={t.learned.effect}
            marked={{ pre: d.preconditionAdded, eff: d.effectAdded, mark: 'added' }}
          />
        )}
      </div>
      {t.learned?.note !== undefined && <p className="muted">{t.learned.note}</p>}
      {t.declared !== undefined && t.learned?.status === 'learned' && !differs && (
        <p className="muted">The observations agree with the declaration.</p>
      )}
      {t.contradictions.length > 0 && (
        <div className="model-contradictions">
          <h4>Declared versus observed</h4>
          <ul>
            {t.contradictions.map((c) => (
              <li key={`${c.kind} ${c.literal}`}>{c.message}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

export function MissionModelPage({ name }: { name: string }) {
  const [model, setModel] = useState<MissionModel | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    api<MissionModel>(`/api/missions/${encodeURIComponent(name)}/model`)
      .then((m) => alive && setModel(m))
      .catch((err: unknown) => alive && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      alive = false;
    };
  }, [name]);
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <p className="muted">
            <Link to="/runs">Runs</Link> / {name}
          </p>
          <h1>Action model of {name}</h1>
          <p className="muted">
            {model === null
              ? 'Loading…'
              : `Declared beside learned from ${model.transitions} successful step${model.transitions === 1 ? '' : 's'} in ${model.runs} run${model.runs === 1 ? '' : 's'} (safe: a plan made with the learned model is executable).`}
          </p>
          {model !== null && model.skipped.length > 0 && (
            <details className="muted">
              <summary>
                {model.skipped.length} step{model.skipped.length === 1 ? '' : 's'} of earlier
                versions of the mission left out
              </summary>
              <ul>
                {model.skipped.slice(0, 50).map((s) => (
                  <li key={s.label}>
                    {s.label} ({s.action}): {s.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      </header>
      {error && (
        <div className="alert alert-error page-alert" role="alert">
          {error}
        </div>
      )}
      <div className="model-tools">
        {model?.tools.map((t) => (
          <ToolCard key={t.tool} t={t} />
        ))}
      </div>
    </div>
  );
}
