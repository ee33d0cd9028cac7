package io.moked.db;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;

/**
 * Enables a bean only for one database product, detected from {@code moked.db.url} exactly as the datasource
 * factory does. Used on the per-dialect repository sub-interfaces (see docs/database.md).
 */
abstract class DbKindCondition implements Condition {
    static final String URL_PROPERTY = "moked.db.url";

    private final DbKind wanted;

    DbKindCondition(DbKind wanted) {
        this.wanted = wanted;
    }

    @Override
    public boolean matches(ConditionContext context) {
        String url = null;
        if (context.getBeanContext() instanceof PropertyResolver) {
            url = ((PropertyResolver) context.getBeanContext()).getProperty(URL_PROPERTY, String.class).orElse(null);
        }
        return DbTarget.detectKind(url) == wanted;
    }
}
