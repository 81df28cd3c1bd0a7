import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client.ts';
import { keys } from '../../api/hooks.ts';
import type { DepartmentDto, Me, Role, UserDto, WorkingHoursDto } from '../../api/types.ts';
import { Field, FormDialog, FormError } from '../../components/ui.tsx';
import { NamedOptions } from '../../components/options.tsx';
import { useSaveRecord } from '../../api/mutations.ts';
import { useLabels } from '../../i18n/hooks.ts';
import { DEFAULT_SPEED_TO_LEAD, WorkingHoursFields } from './SpeedToLeadFields.tsx';

export function UserDialog({ me, user, departments, users, onClose }: { me: Me; user: UserDto | null; departments: DepartmentDto[]; users: UserDto[]; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const roles = me.can.grantRoles;
  const [f, setF] = useState({
    name: user?.name ?? '',
    email: user?.email ?? '',
    password: '',
    role: (user?.role ?? 'manager') as Role,
    departmentId: user?.departmentId ? String(user.departmentId) : departments[0] ? String(departments[0].id) : '',
    assistsUserId: user?.assistsUserId ? String(user.assistsUserId) : '',
    endpoint: user?.endpoint ?? '',
    mobile: user?.mobile ?? '',
    active: user?.active ?? true,
    ownHours: Boolean(user?.workingHours),
  });
  const department = departments.find((d) => String(d.id) === f.departmentId);
  // A manager's own hours start from their department's.
  const [hours, setHours] = useState<WorkingHoursDto>(user?.workingHours ?? department?.speedToLead?.workingHours ?? DEFAULT_SPEED_TO_LEAD.workingHours);
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const save = useSaveRecord({ path: '/api/users', id: user?.id, list: keys.users, saved: t('user.saved'), created: t('user.created'), onSaved: onClose });
  const fields = fieldErrors(save.error);
  const managers = users.filter((u) => u.role === 'manager' && u.active && (!f.departmentId || String(u.departmentId) === f.departmentId));

  function submit(e: FormEvent) {
    e.preventDefault();
    const body: Record<string, unknown> = {
      name: f.name.trim(),
      email: f.email.trim(),
      role: f.role,
      departmentId: f.departmentId ? Number(f.departmentId) : null,
      assistsUserId: f.role === 'assistant' && f.assistsUserId ? Number(f.assistsUserId) : null,
      endpoint: f.endpoint.trim() || null,
      mobile: f.mobile.trim() || null,
    };
    if (f.password) body.password = f.password;
    if (user) body.active = f.active;
    if (f.role === 'manager') body.workingHours = f.ownHours ? hours : null;
    save.mutate(body);
  }

  return (
    <FormDialog
      name="user"
      title={user ? t('common.editNamed', { name: user.name }) : t('user.new')}
      busy={save.isPending}
      onClose={onClose}
      onSubmit={submit}
      layout="form-grid"
    >
        <Field label={t('user.name')} error={fields.name}>
          <input value={f.name} onChange={(e) => set('name', e.target.value)} required autoFocus data-testid="user-name" />
        </Field>
        <Field label={t('user.email')} error={fields.email}>
          <input type="email" value={f.email} onChange={(e) => set('email', e.target.value)} required data-testid="user-email" />
        </Field>
        <Field label={user ? t('user.newPassword') : t('user.initialPassword')} hint={user ? t('user.keepPassword') : t('user.passwordRule')} error={fields.password}>
          <input type="password" autoComplete="new-password" value={f.password} onChange={(e) => set('password', e.target.value)} required={!user} minLength={8} data-testid="user-password" />
        </Field>
        <Field label={t('user.role')} error={fields.role}>
          <select value={f.role} onChange={(e) => set('role', e.target.value as Role)} data-testid="user-role">
            {roles.map((r) => (
              <option key={r} value={r}>
                {labels.role(r)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('user.department')} error={fields.departmentId}>
          <select value={f.departmentId} onChange={(e) => set('departmentId', e.target.value)} disabled={!me.can.allDepartments} data-testid="user-department">
            {me.can.allDepartments && <option value="">—</option>}
            <NamedOptions items={departments} />
          </select>
        </Field>
        {f.role === 'assistant' && (
          <Field label={t('user.assists')} error={fields.assistsUserId}>
            <select value={f.assistsUserId} onChange={(e) => set('assistsUserId', e.target.value)} data-testid="user-assists">
              <option value="">—</option>
              <NamedOptions items={managers} />
            </select>
          </Field>
        )}
        <Field label={t('user.endpoint')} hint={t('user.endpointHint')} error={fields.endpoint}>
          <input value={f.endpoint} onChange={(e) => set('endpoint', e.target.value)} placeholder="PJSIP/101" data-testid="user-endpoint" />
        </Field>
        <Field label={t('user.mobile')} hint={t('user.mobileHint')} error={fields.mobile}>
          <input type="tel" value={f.mobile} onChange={(e) => set('mobile', e.target.value)} placeholder={t('user.mobilePlaceholder')} data-testid="user-mobile" />
        </Field>
        {f.role === 'manager' && (
          <fieldset className="field span-2" data-testid="user-hours">
            <label className="check check-long">
              <input type="checkbox" checked={f.ownHours} onChange={(e) => set('ownHours', e.target.checked)} data-testid="user-own-hours" />
              {t('user.ownHours')}
            </label>
            <span className="field-hint">{t('user.ownHoursHint')}</span>
            {f.ownHours && <WorkingHoursFields value={hours} onChange={setHours} errors={fields} prefix="workingHours" testId="user-hours" />}
          </fieldset>
        )}
        {user && (
          <label className="check check-long">
            <input type="checkbox" checked={f.active} onChange={(e) => set('active', e.target.checked)} data-testid="user-active" />
            {t('user.active')}
          </label>
        )}
        <FormError error={save.error} fields={fields} className="span-2" />
    </FormDialog>
  );
}
