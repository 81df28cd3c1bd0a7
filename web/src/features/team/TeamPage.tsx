import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartments, useUsers } from '../../api/hooks.ts';
import { formatPhone } from '../../i18n/format.ts';
import { useFormat, useLabels } from '../../i18n/hooks.ts';
import type { DepartmentDto, Me, UserDto } from '../../api/types.ts';
import { EditButton, Loaded, Page, PresenceDot, SimpleTable } from '../../components/ui.tsx';
import { DepartmentDialog } from './DepartmentDialog.tsx';
import { UserDialog } from './UserDialog.tsx';

export function TeamPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const f = useFormat();
  const labels = useLabels();
  const canEdit = me.can.manageDepartments;
  const canEditUsers = me.can.manageTeam;
  const canEditUser = (u: UserDto) => u.can.edit;
  const departments = useDepartments();
  const users = useUsers();
  const [editDept, setEditDept] = useState<DepartmentDto | 'new' | null>(null);
  const [editUser, setEditUser] = useState<UserDto | 'new' | null>(null);
  const deptName = (id: number | null) => (id === null ? '—' : (departments.data?.find((d) => d.id === id)?.name ?? `#${id}`));
  const userName = (id: number | null) => (id === null ? null : (users.data?.find((u) => u.id === id)?.name ?? `#${id}`));
  // Everyone else sees their own department here (the server already keeps other departments' people away).
  const visibleDepts = (departments.data ?? []).filter((d) => me.can.allDepartments || d.id === me.departmentId);
  const visibleUsers = (users.data ?? []).filter((u) => me.can.allDepartments || u.departmentId === me.departmentId);

  return (
    <Page title={t('nav.team')} testId="team-page">
      <div className="content-pad">
        <TeamSection id="dept-h" title={t('team.departments')} add={canEdit && { label: t('team.newDepartment'), testId: 'department-new', onClick: () => setEditDept('new') }}>
          <Loaded query={departments} isEmpty={() => visibleDepts.length === 0} empty={t('team.noDepartments')}>
            {() => (
              <SimpleTable
                testId="departments-table"
                columns={[t('team.colName'), t('team.colNumbers'), t('team.colRingTimeout'), t('team.colRoutingChain'), t('team.colPeople')]}
                actions={canEdit}
              >
                {visibleDepts.map((d) => (
                  <tr key={d.id} data-testid={`department-row-${d.id}`}>
                    <td>
                      <strong>{d.name}</strong>
                    </td>
                    <td className="mono small">{d.phoneNumbers.map((n) => formatPhone(n)).join(', ') || <span className="muted">—</span>}</td>
                    <td>{d.ringTimeoutSec ? f.seconds(d.ringTimeoutSec) : <span className="muted">{t('common.default')}</span>}</td>
                    <td className="small">{d.routingChain?.map((s) => labels.routingStep(s)).join(' → ') ?? <span className="muted">{t('common.default')}</span>}</td>
                    <td>{(users.data ?? []).filter((u) => u.departmentId === d.id && u.active).length}</td>
                    {canEdit && (
                      <td className="actions">
                        <EditButton name={d.name} onClick={() => setEditDept(d)} />
                      </td>
                    )}
                  </tr>
                ))}
              </SimpleTable>
            )}
          </Loaded>
        </TeamSection>

        <TeamSection id="users-h" title={t('team.people')} add={canEditUsers && { label: t('team.newUser'), testId: 'user-new', onClick: () => setEditUser('new') }}>
          <Loaded query={users}>
            {() => (
              <SimpleTable
                testId="users-table"
                columns={[t('team.colName'), t('team.colRole'), t('team.colDepartment'), t('team.colEmail'), t('team.colEndpoint'), t('team.colMobile'), t('team.colOpenLeads')]}
                actions={canEditUsers}
              >
                {visibleUsers.map((u) => (
                  <tr key={u.id} className={u.active ? '' : 'inactive'} data-testid={`user-row-${u.id}`}>
                    <td>
                      <PresenceDot presence={u.presence} online={u.online} onCall={u.onCall} /> <strong>{u.name}</strong>
                      {!u.active && <span className="badge">{t('team.inactive')}</span>}
                    </td>
                    <td>
                      {labels.role(u.role)}
                      {u.role === 'assistant' && u.assistsUserId && <span className="muted small"> · {t('team.assists', { name: userName(u.assistsUserId) ?? '' })}</span>}
                    </td>
                    <td>{deptName(u.departmentId)}</td>
                    <td className="small">{u.email}</td>
                    <td className="mono small">{u.endpoint ?? <span className="muted">—</span>}</td>
                    <td className="mono small">{formatPhone(u.mobile) ?? <span className="muted">—</span>}</td>
                    <td>{u.role === 'manager' ? (u.openLeads ?? 0) : <span className="muted">—</span>}</td>
                    {canEditUsers && <td className="actions">{canEditUser(u) && <EditButton name={u.name} onClick={() => setEditUser(u)} />}</td>}
                  </tr>
                ))}
              </SimpleTable>
            )}
          </Loaded>
        </TeamSection>
      </div>
      {editDept && <DepartmentDialog department={editDept === 'new' ? null : editDept} onClose={() => setEditDept(null)} />}
      {editUser && <UserDialog me={me} user={editUser === 'new' ? null : editUser} departments={visibleDepts} users={users.data ?? []} onClose={() => setEditUser(null)} />}
    </Page>
  );
}

/** One list of the page under its heading, with the button that adds to it for those who may. */
function TeamSection({ id, title, add, children }: { id: string; title: string; add: false | { label: string; testId: string; onClick: () => void }; children: ReactNode }) {
  return (
    <section className="card-section" aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id}>{title}</h2>
        {add && (
          <button type="button" className="btn btn-sm btn-primary" onClick={add.onClick} data-testid={add.testId}>
            {add.label}
          </button>
        )}
      </div>
      {children}
    </section>
  );
}
