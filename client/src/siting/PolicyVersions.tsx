/** The policy's versions for planners, newest first: when, by whom, the change note, and what changed from the
 *  version before (each value with its field's name, old → new). */
import type { MessageKey } from '../i18n/fa.js';
import { useI18n } from '../i18n/i18n.js';
import { policyChanges, type Change } from './policy-draft.js';
import { fieldAt } from './policy-spec.js';
import { useValueText } from './PolicyFields.js';
import type { PolicyVersionEntry } from './siting-api.js';

/** Karaj's clock, in the language's calendar (the Solar Hijri one in Persian). */
function useWhen(): (iso: string) => string {
  const { lang } = useI18n();
  const f = new Intl.DateTimeFormat(lang === 'fa' ? 'fa-IR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tehran' });
  return (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : f.format(d);
  };
}

function ChangeLine({ c }: { c: Change }) {
  const { t } = useI18n();
  const valueText = useValueText();
  const at = fieldAt(c.path);
  if (!at) return <li>{c.path.join('.')}</li>;
  const section = t(at.section.title);
  if (at.field === 'source' || at.field === 'note') {
    return <li>{t(at.field === 'source' ? 'policy.versions.sourceChanged' : 'policy.versions.noteChanged', { section })}</li>;
  }
  const field = at.field;
  return (
    <li>
      {t('policy.versions.changed', { section, field: t(field.label as MessageKey), before: valueText(field, c.before), after: valueText(field, c.after) })}
    </li>
  );
}

/** The list. */
export function PolicyVersions({ versions }: { versions: readonly PolicyVersionEntry[] }) {
  const { t, num } = useI18n();
  const when = useWhen();
  return (
    <section className="policy-versions" aria-labelledby="policy-versions-title" data-testid="policy-versions">
      <h2 id="policy-versions-title">{t('policy.versions.title')}</h2>
      <ol>
        {versions.map((v, i) => {
          const previous = versions[i + 1];
          const changes = previous ? policyChanges(previous.policy, v.policy) : [];
          return (
            <li key={v.version} data-version={v.version}>
              <p className="policy-version-head">
                <strong>{t('policy.versions.version', { version: num(v.version) })}</strong>{' '}
                <span className="muted">{t('policy.versions.by', { when: when(v.created_at), who: `\u2068${v.created_by}\u2069` })}</span>
              </p>
              {v.note ? <p className="policy-version-note" dir="auto">{v.note}</p> : null}
              {changes.length > 0 ? (
                <ul className="policy-changes">
                  {changes.map((c) => (
                    <ChangeLine key={c.path.join('.')} c={c} />
                  ))}
                </ul>
              ) : previous ? (
                <p className="muted">{t('policy.versions.same')}</p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
