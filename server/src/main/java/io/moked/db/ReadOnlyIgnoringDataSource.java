package io.moked.db;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * SQLite only: hands out connections whose {@code setReadOnly} does nothing. Micronaut Data marks non-transactional
 * reads read-only, and sqlite-jdbc refuses to change the flag on an open connection (micronaut-data #3560,
 * STACK.md 7). SQLite has no server-side read-only mode to lose, so ignoring the hint is safe.
 * <p>
 * It also repairs a failed transaction start: with {@code transaction_mode=IMMEDIATE}, {@code setAutoCommit(false)}
 * runs {@code BEGIN IMMEDIATE}, and when that fails (SQLITE_BUSY: another process held the write lock past the busy
 * timeout) sqlite-jdbc has already flipped its auto-commit flag. The pooled connection would then believe it is in a
 * transaction that never began, and every later transaction on it fails with "cannot commit - no transaction is
 * active". Flipping the flag back keeps one lock timeout from poisoning the pool.
 */
final class ReadOnlyIgnoringDataSource implements DataSource {
    private final DataSource delegate;

    ReadOnlyIgnoringDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    DataSource delegate() {
        return delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(delegate.getConnection(username, password));
    }

    private static Connection wrap(Connection connection) {
        InvocationHandler handler = new IgnoreReadOnly(connection);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, handler);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    private static final class IgnoreReadOnly implements InvocationHandler {
        private final Connection target;

        IgnoreReadOnly(Connection target) {
            this.target = target;
        }

        /** sqlite-jdbc sets the flag before running "commit", so this restores it even though the commit fails. */
        private void restoreAutoCommit() {
            try {
                target.setAutoCommit(true);
            } catch (SQLException expected) {
                // "cannot commit - no transaction is active": the flag is back to true, which is all we need
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if ("setReadOnly".equals(method.getName())) {
                return null;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                if ("setAutoCommit".equals(method.getName()) && Boolean.FALSE.equals(args[0])) {
                    restoreAutoCommit();
                }
                throw e.getCause();
            }
        }
    }
}
