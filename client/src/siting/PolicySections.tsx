/** The policy section by section (one per rule, then consultation, clocks, lapse, consolidation), each value with
 *  its control or text, and each section's source and note: editable for planners, shown to everyone. */
import { useI18n } from '../i18n/i18n.js';
import { getAt, pathKey, type Draft, type FieldIssue, type Json } from './policy-draft.js';
import { POLICY_SECTIONS, type FieldSpec, type SectionSpec } from './policy-spec.js';
import { PolicyField, useIssueText } from './PolicyFields.js';

interface Props {
  draft: Draft;
  editable: boolean;
  issues: Readonly<Record<string, FieldIssue>>;
  onValue(field: FieldSpec, value: Json | undefined): void;
  onText(field: FieldSpec, text: string): void;
  onSourceText(path: readonly string[], text: string): void;
}

function SourceAndNote({ section, draft, editable, issues, onSourceText }: Omit<Props, 'onValue' | 'onText'> & { section: SectionSpec }) {
  const { t } = useI18n();
  const issueText = useIssueText();
  if (!section.base) return null;
  return (
    <div className="policy-sources">
      {(['source', 'note'] as const).map((which) => {
        const path = [...section.base!, which];
        const key = pathKey(path);
        const id = `policy-${path.join('-')}`;
        const value = getAt(draft.value, path);
        const label = t(which === 'source' ? 'policy.source' : 'policy.note');
        if (!editable) {
          return value ? (
            <p key={which} className={`policy-${which}`}>
              <span className="policy-label">{label}</span> <bdi dir="auto">{String(value)}</bdi>
            </p>
          ) : null;
        }
        const issue = issues[key];
        return (
          <div key={which} className="field">
            <label htmlFor={id}>{label}</label>
            <textarea id={id} name={key} dir="auto" rows={which === 'source' ? 3 : 2} value={String(value ?? '')} onChange={(e) => onSourceText(path, e.target.value)} aria-invalid={issue ? true : undefined} aria-describedby={issue ? `${id}-error` : undefined} />
            {issue ? (
              <p id={`${id}-error`} className="policy-error">
                {issueText(issue, which === 'source' ? { kind: 'text', path, label: 'policy.source' } : null)}
              </p>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

/** Every section of the policy. */
export function PolicySections(props: Props) {
  const { t } = useI18n();
  const { draft, editable, issues, onValue, onText } = props;
  return (
    <div className="policy-sections">
      {POLICY_SECTIONS.map((section) => (
        <section key={section.id} className="policy-section" aria-labelledby={`policy-section-${section.id}`} data-section={section.id}>
          <h2 id={`policy-section-${section.id}`}>{t(section.title)}</h2>
          <div className="policy-fields">
            {section.fields.map((field) => (
              <PolicyField key={pathKey(field.path)} field={field} draft={draft} editable={editable} issue={issues[pathKey(field.path)]} onValue={onValue} onText={onText} />
            ))}
          </div>
          <SourceAndNote section={section} {...props} />
        </section>
      ))}
    </div>
  );
}
