import type { Decision } from "@/app/_lib/moderation/decide";
import type { Tab } from "@/app/_lib/moderation/queue";
import { BUTTON_LABEL, bulkDecisionsFor } from "./labels";

type Props = {
  tab: Tab;
  selectedCount: number;
  allSelected: boolean;
  onSelectAll: () => void;
  onDecide: (decision: Decision) => void;
  helpShown: boolean;
  onToggleHelp: () => void;
};

export function BulkBar({ tab, selectedCount, allSelected, onSelectAll, onDecide, helpShown, onToggleHelp }: Props) {
  return (
    <div className="bulk-bar" role="group" aria-label="Bulk actions">
      <label className="field--inline">
        <input type="checkbox" checked={allSelected} onChange={onSelectAll} />
        Select all on this page
      </label>
      {bulkDecisionsFor(tab).map((decision) => (
        <button key={decision} type="button" className="button button--quiet" disabled={selectedCount === 0} onClick={() => onDecide(decision)}>
          {BUTTON_LABEL[decision]} selected ({selectedCount})
        </button>
      ))}
      <button type="button" className="link-button" aria-expanded={helpShown} onClick={onToggleHelp}>
        Keyboard shortcuts
      </button>
    </div>
  );
}
