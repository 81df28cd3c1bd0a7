import { useState } from 'react';
import { useDepartments, useUsers } from '../../api/hooks.ts';
import { errorMessage } from '../../api/client.ts';
import { FALLBACK_LABEL, ROLE_LABEL } from '../../api/labels.ts';
import type { DepartmentDto, Me, UserDto } from '../../api/types.ts';
import { Empty, PresenceDot, Spinner } from '../../components/ui.tsx';
import { DepartmentDialog } from './DepartmentDialog.tsx';
import { UserDialog } from './UserDialog.tsx';

export function TeamPage({ me }: { me: Me }) {
  const canEdit = me.role === 'director';
  // Curators add and edit the managers and assistants of their own department.
  const canEditUsers = me.role === 'director' || me.role === 'curator';
  const canEditUser = (u: UserDto) => me.role === 'director' || (me.role === 'curator' && (u.role === 'manager' || u.role === 'assistant') && u.departmentId === me.departmentId);
  const departments = useDepartments();
  const users = useUsers();
  const [editDept, setEditDept] = useState<DepartmentDto | 'new' | null>(null);
  const [editUser, setEditUser] = useState<UserDto | 'new' | null>(null);
  const deptName = (id: number | null) => (id === null ? '—' : (departments.data?.find((d) => d.id === id)?.name ?? `#${id}`));
  const userName = (id: number | null) => (id === null ? null : (users.data?.find((u) => u.id === id)?.name ?? `#${id}`));
  const visibleDepts = (departments.data ?? []).filter((d) => me.role === 'director' || d.id === me.departmentId);
  const visibleUsers = (users.data ?? []).filter((u) => me.role === 'director' || u.departmentId === me.departmentId);

  return (
    <section className="content-page" aria-labelledby="page-title" data-testid="team-page">
      <div className="page-head">
        <h1 id="page-title">Team</h1>
      </div>
      <div className="content-pad">
        <section className="card-section" aria-labelledby="dept-h">
          <div className="section-head">
            <h2 id="dept-h">Departments</h2>
            {canEdit && (
              <button type="button" className="btn btn-sm btn-primary" onClick={() => setEditDept('new')} data-testid="department-new">
                New department
              </button>
            )}
          </div>
          {departments.isPending ? (
            <Spinner />
          ) : departments.isError ? (
            <Empty>{errorMessage(departments.error)}</Empty>
          ) : visibleDepts.length === 0 ? (
            <Empty>No departments yet. Create one with its public phone numbers to start receiving leads and calls.</Empty>
          ) : (
            <table className="simple-table" data-testid="departments-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Phone numbers</th>
                  <th>Ring timeout</th>
                  <th>Fallback chain</th>
                  <th>People</th>
                  {canEdit && (
                    <th>
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {visibleDepts.map((d) => (
                  <tr key={d.id} data-testid={`department-row-${d.id}`}>
                    <td>
                      <strong>{d.name}</strong>
                    </td>
                    <td className="mono small">{d.phoneNumbers.join(', ') || <span className="muted">—</span>}</td>
                    <td>{d.ringTimeoutSec ? `${d.ringTimeoutSec} s` : <span className="muted">default</span>}</td>
                    <td className="small">{d.fallbackChain?.map((s) => FALLBACK_LABEL[s] ?? s).join(' → ') ?? <span className="muted">default</span>}</td>
                    <td>{(users.data ?? []).filter((u) => u.departmentId === d.id && u.active).length}</td>
                    {canEdit && (
                      <td className="actions">
                        <button type="button" className="btn btn-xs btn-ghost" onClick={() => setEditDept(d)} aria-label={`Edit ${d.name}`}>
                          Edit
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className="card-section" aria-labelledby="users-h">
          <div className="section-head">
            <h2 id="users-h">People</h2>
            {canEditUsers && (
              <button type="button" className="btn btn-sm btn-primary" onClick={() => setEditUser('new')} data-testid="user-new">
                New user
              </button>
            )}
          </div>
          {users.isPending ? (
            <Spinner />
          ) : users.isError ? (
            <Empty>{errorMessage(users.error)}</Empty>
          ) : (
            <table className="simple-table" data-testid="users-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Role</th>
                  <th>Department</th>
                  <th>E-mail</th>
                  <th>Phone endpoint</th>
                  <th>Mobile</th>
                  <th>Open leads</th>
                  {canEditUsers && (
                    <th>
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {visibleUsers.map((u) => (
                  <tr key={u.id} className={u.active ? '' : 'inactive'} data-testid={`user-row-${u.id}`}>
                    <td>
                      <PresenceDot presence={u.presence} online={u.online} onCall={u.onCall} /> <strong>{u.name}</strong>
                      {!u.active && <span className="badge">inactive</span>}
                    </td>
                    <td>
                      {ROLE_LABEL[u.role]}
                      {u.role === 'assistant' && u.assistsUserId && <span className="muted small"> of {userName(u.assistsUserId)}</span>}
                    </td>
                    <td>{deptName(u.departmentId)}</td>
                    <td className="small">{u.email}</td>
                    <td className="mono small">{u.endpoint ?? <span className="muted">—</span>}</td>
                    <td className="mono small">{u.mobile ?? <span className="muted">—</span>}</td>
                    <td>{u.role === 'manager' ? (u.openLeads ?? 0) : <span className="muted">—</span>}</td>
                    {canEditUsers && (
                      <td className="actions">
                        {canEditUser(u) && (
                          <button type="button" className="btn btn-xs btn-ghost" onClick={() => setEditUser(u)} aria-label={`Edit ${u.name}`}>
                            Edit
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      {editDept && <DepartmentDialog department={editDept === 'new' ? null : editDept} onClose={() => setEditDept(null)} />}
      {editUser && <UserDialog me={me} user={editUser === 'new' ? null : editUser} departments={visibleDepts} users={users.data ?? []} onClose={() => setEditUser(null)} />}
    </section>
  );
}
