import type { ApiKeyRole, CreatedApiKey } from '@neuralops/client';
import { FormEvent, useState } from 'react';
import { useAuth, useGuarded } from '../../api/auth';
import { errorText, fieldErrors } from '../../api/session';
import { useApi } from '../../api/use-api';
import { ErrorMessage, Loading, Table, useTitle } from '../../components/common';
import { formatTime } from '../../format';

export function ApiKeysPage() {
  useTitle('API keys');
  const { isAdmin, me } = useAuth();
  const guarded = useGuarded();
  const keys = useApi(isAdmin ? (c) => c.listApiKeys() : null, [isAdmin]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiKeyRole>('read');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [copied, setCopied] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  if (!isAdmin) return <p>Only admin keys manage API keys.</p>;

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const key = await guarded((c) => c.createApiKey({ name: name.trim(), role }));
      setCreated(key);
      setCopied(false);
      setErrors({});
      setName('');
      keys.reload();
    } catch (err) {
      setErrors(fieldErrors(err));
      setMessage(`Not created: ${errorText(err)}`);
    }
  };
  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
    } catch {
      setMessage('The browser did not allow copying: select the key and copy it by hand.');
    }
  };
  const revoke = async (id: string, keyName: string) => {
    if (!window.confirm(`Revoke the key ${keyName}? Anything using it stops working at once.`)) return;
    try {
      await guarded((c) => c.revokeApiKey(id));
      keys.reload();
    } catch (err) {
      setMessage(`Not revoked: ${errorText(err)}`);
    }
  };

  return (
    <>
      <h1>API keys</h1>
      <section aria-labelledby="new-key">
        <h2 id="new-key">Create a key</h2>
        <form className="filters" onSubmit={create} noValidate>
          <div>
            <label htmlFor="key-name">Name</label>
            <input id="key-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={errors.name ? true : undefined} aria-describedby={errors.name ? 'key-name-error' : undefined} />
            {errors.name ? (
              <p className="field-error" id="key-name-error">
                {errors.name}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor="key-role">Role</label>
            <select id="key-role" value={role} onChange={(e) => setRole(e.target.value as ApiKeyRole)}>
              <option value="ingest">ingest: record runs only</option>
              <option value="read">read: browse</option>
              <option value="admin">admin: everything</option>
            </select>
          </div>
          <button type="submit" className="primary">
            Create key
          </button>
        </form>
        {message ? (
          <div className="alert" role="alert">
            {message}
          </div>
        ) : null}
        {created ? (
          <div className="alert success" role="status">
            <p>
              Key <strong>{created.name}</strong> ({created.role}) created. It is shown only now: copy it and store it safely.
            </p>
            <div className="secret">
              <code aria-label="The new API key">{created.key}</code>
              <button type="button" onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </button>
              <button type="button" onClick={() => setCreated(null)}>
                Done
              </button>
            </div>
          </div>
        ) : null}
      </section>
      <section aria-labelledby="keys">
        <h2 id="keys">Keys</h2>
        {keys.error ? <ErrorMessage error={keys.error} what="the keys" /> : null}
        {keys.loading && !keys.data ? <Loading what="keys" /> : null}
        {keys.data ? (
          <Table
            caption="API keys"
            head={
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Prefix</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Revoked</th>
                <th scope="col">Actions</th>
              </tr>
            }
          >
            {keys.data.items.map((k) => (
              <tr key={k.id}>
                <td className="clip">
                  {k.name}
                  {k.id === me.id ? <span className="muted"> (this key)</span> : null}
                </td>
                <td>{k.role}</td>
                <td className="mono">{k.prefix}…</td>
                <td className="nowrap">{formatTime(k.created_at)}</td>
                <td className="nowrap">{formatTime(k.last_used_at)}</td>
                <td className="nowrap">{k.revoked_at ? formatTime(k.revoked_at) : '—'}</td>
                <td>
                  {k.revoked_at ? null : (
                    <button type="button" className="danger" onClick={() => revoke(k.id, k.name)} aria-label={`Revoke ${k.name}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        ) : null}
      </section>
    </>
  );
}
