import { RegistryError } from '../errors';
import { type AuditEntry, emptyModelState, type ModelState } from '../versions/ModelState';

/** The model-level files of {@link FileSystemStore}: the state document and the audit log (JSON lines). */
export const ALIASES_FILE = 'aliases.json';
export const AUDIT_FILE = 'audit.jsonl';

/** The state in `aliases.json` (`text` undefined: never written, the empty state). */
export function parseModelState(model: string, text: string | undefined): ModelState {
  if (text === undefined) return emptyModelState();
  try {
    return JSON.parse(text) as ModelState;
  } catch (error) {
    throw new RegistryError(
      'corrupt-version',
      `the aliases of '${model}' are not valid JSON: restore ${ALIASES_FILE}`,
      { cause: error },
    );
  }
}

/** The entries of `audit.jsonl`, oldest first (blank lines skipped). */
export function parseAudit(text: string | undefined): AuditEntry[] {
  return (text ?? '')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AuditEntry);
}
