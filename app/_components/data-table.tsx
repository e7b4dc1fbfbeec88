import type { ReactNode } from "react";

type Props = { caption: string; columns: string[]; children: ReactNode };

/**
 * The site's tables: a caption for screen readers, column headers, and a box that scrolls on a
 * narrow screen instead of widening the page (focusable and named, so keyboards can scroll it).
 */
export function DataTable({ caption, columns, children }: Props) {
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="log">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
