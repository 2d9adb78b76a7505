import React from 'react';

/** Label/value pairs, one per row. */
export function FactsTable({ facts }: { facts: Array<[string, React.ReactNode]> }) {
  return (
    <table>
      <tbody>
        {facts.map(([k, v]) => (
          <tr key={k}>
            <th style={{ textAlign: 'left', paddingRight: 16 }}>{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
