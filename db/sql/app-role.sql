-- Least-privilege roles for a production PostgreSQL (run once as a superuser, with psql):
--
--   psql -v owner_password="'…'" -v app_password="'…'" -d khcn -f db/sql/app-role.sql
--
-- khcn_owner owns the schema and runs the migrations (`pnpm db:migrate` with its DATABASE_URL);
-- khcn_app is what the server connects as (DATABASE_URL of the running app). The application may
-- read and write its tables, but the audit trail only grows: no UPDATE, DELETE or TRUNCATE on
-- audit_log, whatever the code does. The append-only triggers (migrations 20261126T0800 and
-- 20261128T0200) stop even the owner; this stops the application before a trigger is reached,
-- and a compromised application cannot drop a trigger it does not own.

create role khcn_owner login password :owner_password;
create role khcn_app login password :app_password;

alter database khcn owner to khcn_owner;
alter schema public owner to khcn_owner;
grant connect on database khcn to khcn_app;
grant usage on schema public to khcn_app;

-- Tables that exist now (run after the first `pnpm db:migrate` as khcn_owner) …
grant select, insert, update, delete on all tables in schema public to khcn_app;
-- … and every table later migrations create.
alter default privileges for role khcn_owner in schema public
  grant select, insert, update, delete on tables to khcn_app;

-- The trail: read and append only.
revoke update, delete, truncate on audit_log from khcn_app;
grant select, insert on audit_log to khcn_app;

-- Migration bookkeeping belongs to the owner: the app only reads it.
revoke insert, update, delete on kysely_migration, kysely_migration_lock from khcn_app;
