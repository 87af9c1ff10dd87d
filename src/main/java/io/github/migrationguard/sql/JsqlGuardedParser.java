package io.github.migrationguard.sql;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.parser.feature.FeatureConfiguration;

/**
 * A JSqlParser parser for one statement that stops when its time is up.
 *
 * <p>JSqlParser's own time limit runs every parse on an executor thread and, when time is up, sets the public
 * volatile {@link CCJSqlParser#interrupted} flag. In 5.4 that flag is read only as a guard in front of ~80 costly
 * expression alternatives ({@code PrimaryExpression}, {@code CASE}, lookahead helpers); the token manager never reads
 * it, and setting it does not stop the parse: it steers the parser away from those alternatives, so a parse that
 * was interrupted can even "succeed" with a wrong tree. Here the flag is set by a shared watchdog thread, the
 * semantic-lookahead hooks below throw {@link JsqlTimeLimitExceeded} once it is set (an {@link Error}, so the
 * grammar's own {@code catch (Exception)} blocks cannot swallow it), and the caller treats any parse during which
 * the flag was set as failed.
 *
 * <p>The configuration passed in is shared between threads: never call JSqlParser's {@code with...} methods on this
 * parser, they would change it for everybody.
 */
final class JsqlGuardedParser extends CCJSqlParser {

    JsqlGuardedParser(String sql, FeatureConfiguration sharedConfiguration) {
        super(new StringProvider(sql));
        withConfiguration(sharedConfiguration);
    }

    /** Called by the watchdog when the time is up. */
    void stop() {
        interrupted = true;
    }

    boolean wasStopped() {
        return interrupted;
    }

    private void checkTime() {
        if (interrupted) {
            throw JsqlTimeLimitExceeded.INSTANCE;
        }
    }

    @Override
    protected boolean isComparisonOperatorAhead() {
        checkTime();
        return super.isComparisonOperatorAhead();
    }

    @Override
    protected boolean isTernaryAhead() {
        checkTime();
        return super.isTernaryAhead();
    }

    @Override
    protected boolean isFunctionAhead() {
        checkTime();
        return super.isFunctionAhead();
    }

    @Override
    protected boolean isUnparenthesizedSelectAhead() {
        checkTime();
        return super.isUnparenthesizedSelectAhead();
    }

    @Override
    protected Expression prattExpressionRest(Expression left, int minPrecedence) throws ParseException {
        checkTime();
        return super.prattExpressionRest(left, minPrecedence);
    }

    @Override
    protected Expression prattArithRest(Expression left, int minPrecedence) throws ParseException {
        checkTime();
        return super.prattArithRest(left, minPrecedence);
    }

    @Override
    protected boolean isParenthesedFromItemAhead() {
        checkTime();
        return super.isParenthesedFromItemAhead();
    }

    @Override
    protected boolean isNestedSetOperationAhead() {
        checkTime();
        return super.isNestedSetOperationAhead();
    }

    @Override
    protected boolean isParenthesedSelectAhead() {
        checkTime();
        return super.isParenthesedSelectAhead();
    }

    @Override
    protected boolean isImplicitCastAhead() {
        checkTime();
        return super.isImplicitCastAhead();
    }

    @Override
    protected boolean isCaseExpressionAhead() {
        checkTime();
        return super.isCaseExpressionAhead();
    }

    @Override
    protected boolean isAllTableColumnsAhead() {
        checkTime();
        return super.isAllTableColumnsAhead();
    }

    @Override
    protected boolean isFunctionAllColumnsAhead(Expression expression) {
        checkTime();
        return super.isFunctionAllColumnsAhead(expression);
    }

    @Override
    protected boolean isNamedExprListAhead() {
        checkTime();
        return super.isNamedExprListAhead();
    }

    @Override
    protected boolean isAdjacentStringConcat() {
        checkTime();
        return super.isAdjacentStringConcat();
    }

    @Override
    protected boolean isConditionSuffixAhead() {
        checkTime();
        return super.isConditionSuffixAhead();
    }

    /** Thrown inside the parser when its time is up; carries no stack trace. */
    static final class JsqlTimeLimitExceeded extends Error {
        private static final long serialVersionUID = 1L;
        static final JsqlTimeLimitExceeded INSTANCE = new JsqlTimeLimitExceeded();

        private JsqlTimeLimitExceeded() {
            super("time limit exceeded", null, false, false);
        }
    }
}
