/** A table's header row: one column header per label. */
export function TableHead({ labels }: { labels: string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label) => (
          <th scope="col" safe>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
