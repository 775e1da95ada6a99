import { CompiledQuery, type DatabaseConnection, type Driver } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";

/**
 * kysely-postgres-js 3.0 with Kysely 0.28.19: when ROLLBACK itself fails (the connection died
 * mid-transaction — a restarted server, a cut network), Kysely's PostgresDriver asks the
 * connection to mark itself for discarding through a private method kysely-postgres-js does not
 * implement, so the request failed with a TypeError (a 500) instead of the connection error (a
 * 503). The dead connection needs no marking: postgres.js retires it (with our patch, see
 * patches/postgres@3.4.9.patch). So ROLLBACK's own error is simply passed on.
 */
export class SafePostgresJSDialect extends PostgresJSDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.rollbackTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw("rollback"));
    };
    return driver;
  }
}
