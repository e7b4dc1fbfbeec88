import type { Dashboard as DashboardData, DecisionDay } from "@/app/_lib/moderation/dashboard";
import { DataTable } from "@/app/_components/data-table";
import { exactTime, formatDuration } from "@/app/_lib/format";

const SERIES = [
  { key: "approved", label: "Approved", className: "chart__approved" },
  { key: "rejected", label: "Rejected", className: "chart__rejected" },
  { key: "spam", label: "Spam", className: "chart__spam" },
] as const;

const WIDTH = 600;
const HEIGHT = 160;
const dayLabel = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const total = (day: DecisionDay) => day.approved + day.rejected + day.spam;

/** Stacked bars, one per day; the table below says the same in words. */
function DecisionChart({ days }: { days: DecisionDay[] }) {
  const highest = Math.max(1, ...days.map(total));
  const slot = WIDTH / days.length;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + 20}`} className="chart" aria-hidden="true" focusable="false">
      {days.map((day, index) => {
        let top = HEIGHT;
        return (
          <g key={day.day}>
            {SERIES.map((series) => {
              const height = (day[series.key] / highest) * HEIGHT;
              top -= height;
              return height > 0 ? <rect key={series.key} className={series.className} x={index * slot + 2} y={top} width={slot - 4} height={height} /> : null;
            })}
          </g>
        );
      })}
      <line x1="0" x2={WIDTH} y1={HEIGHT} y2={HEIGHT} className="chart__axis" />
      <text x="0" y={HEIGHT + 16} className="chart__label">
        {dayLabel(days[0]!.day)}
      </text>
      <text x={WIDTH} y={HEIGHT + 16} textAnchor="end" className="chart__label">
        Today
      </text>
    </svg>
  );
}

export function ModerationDashboard({ data, now }: { data: DashboardData; now: Date }) {
  return (
    <section aria-labelledby="glance-heading" className="dashboard">
      <h2 id="glance-heading">At a glance</h2>
      <dl className="dashboard__figures">
        <div>
          <dt>Pending</dt>
          <dd>{data.pending.toLocaleString("en")}</dd>
        </div>
        <div>
          <dt>Oldest pending</dt>
          <dd>{data.oldestPendingAt ? <time dateTime={data.oldestPendingAt.toISOString()} title={exactTime(data.oldestPendingAt)}>{formatDuration(now.getTime() - data.oldestPendingAt.getTime())}</time> : "None waiting"}</dd>
        </div>
        <div>
          <dt>Median time to a decision (7 days)</dt>
          <dd>{data.medianDecisionMs === null ? "No decisions yet" : `${formatDuration(data.medianDecisionMs)} over ${data.decisionsLastWeek.toLocaleString("en")} decision${data.decisionsLastWeek === 1 ? "" : "s"}`}</dd>
        </div>
      </dl>
      <figure className="dashboard__chart">
        <figcaption id="chart-caption">Decisions per day, last {data.days.length} days</figcaption>
        <ul className="chart__legend" aria-hidden="true">
          {SERIES.map((series) => (
            <li key={series.key}>
              <span className={`chart__swatch ${series.className}`} /> {series.label}
            </li>
          ))}
        </ul>
        {data.days.some((day) => total(day) > 0) ? <DecisionChart days={data.days} /> : <p className="muted">No decisions in these {data.days.length} days.</p>}
        <details>
          <summary>Decisions per day as a table</summary>
          <DataTable caption={`Decisions per day, last ${data.days.length} days`} columns={["Day", ...SERIES.map((series) => series.label)]}>
            {data.days.map((day) => (
              <tr key={day.day}>
                <th scope="row">
                  <time dateTime={day.day}>{dayLabel(day.day)}</time>
                </th>
                <td>{day.approved}</td>
                <td>{day.rejected}</td>
                <td>{day.spam}</td>
              </tr>
            ))}
          </DataTable>
        </details>
      </figure>
    </section>
  );
}
