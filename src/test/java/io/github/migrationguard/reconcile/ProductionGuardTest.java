package io.github.migrationguard.reconcile;

import static io.github.migrationguard.reconcile.PlannerFixtures.identity;
import static io.github.migrationguard.reconcile.PlannerFixtures.readOnly;
import static io.github.migrationguard.reconcile.PlannerFixtures.standby;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.db.DatabaseIdentity;
import io.github.migrationguard.reconcile.ReconcileRefusedException.Reason;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductionGuardTest {

    private static final Pattern DEFAULT = Pattern.compile(ProductionGuard.DEFAULT_PATTERN);

    private static ProductionGuard.Settings settings(String allow, String confirm) {
        return new ProductionGuard.Settings(DEFAULT, allow, confirm);
    }

    private static ReconcileRefusedException refused(DatabaseIdentity identity, ProductionGuard.Settings settings) {
        return assertThrows(ReconcileRefusedException.class, () -> ProductionGuard.check(identity, settings));
    }

    private static void allowed(DatabaseIdentity identity, ProductionGuard.Settings settings) {
        assertDoesNotThrow(() -> ProductionGuard.check(identity, settings));
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop_test", "TEST", "Testing", "TEST_shop", "contest", "shop_latest"})
    void theDefaultPatternAcceptsAnyNameContainingTestInAnyCase(String name) {
        allowed(identity(name), settings(null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop", "prod", "tset", "t_e_s_t", "shop_tst"})
    void theDefaultPatternRefusesOtherNames(String name) {
        ReconcileRefusedException e = refused(identity(name), settings(null, null));

        assertEquals(Reason.NOT_A_TEST_DATABASE, e.reason());
        assertTrue(e.getMessage().startsWith("Refusing to apply: database " + name + " does not look like a test"
                + " database (its name does not match testDatabasePattern (?i)test)"), e.getMessage());
    }

    @Test
    void theRefusalSaysHowToProceed() {
        String message = refused(identity("shop"), settings(null, null)).getMessage();

        assertTrue(message.contains("MIGRATION_GUARD_ALLOW_NONTEST=1"), message);
        assertTrue(message.contains("-DmigrationGuard.confirm=shop"), message);
        assertTrue(message.contains("createdb -T shop shop_test"), message);
        assertTrue(message.contains("test copy"), message);
        assertFalse(message.contains("alone is not enough"), message);
    }

    @Test
    void theOverrideWithTheExactNameAllowsAnyDatabase() {
        allowed(identity("shop"), settings("1", "shop"));
    }

    @ParameterizedTest
    @ValueSource(strings = {" 1 ", "1\n", "\t1"})
    void theOverrideValueIsReadWithoutSurroundingWhitespace(String allow) {
        allowed(identity("shop"), settings(allow, "shop"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "yes", "0", "", " ", "01", "1 1", "TRUE", "on"})
    void anyOtherOverrideValueIsNoOverride(String allow) {
        ReconcileRefusedException e = refused(identity("shop"), settings(allow, "shop"));

        assertEquals(Reason.NOT_A_TEST_DATABASE, e.reason());
        assertTrue(e.getMessage().contains("(migrationGuard.confirm alone is not enough)"), e.getMessage());
    }

    @Test
    void theConfirmationAloneIsNotEnough() {
        ReconcileRefusedException e = refused(identity("shop"), settings(null, "shop"));

        assertEquals(Reason.NOT_A_TEST_DATABASE, e.reason());
        assertTrue(e.getMessage().endsWith("-DmigrationGuard.confirm=shop (migrationGuard.confirm alone is not"
                + " enough)."), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHOP", "Shop", "shop ", " shop", "shop_test", "sho", "shop\n"})
    void theConfirmationMustBeTheNameExactly(String confirm) {
        ReconcileRefusedException e = refused(identity("shop"), settings("1", confirm));

        assertEquals(Reason.NOT_CONFIRMED, e.reason());
        assertEquals("Refusing to apply: migrationGuard.confirm is '" + confirm + "', but the connection is to"
                + " database shop. The confirmation must be the live database name exactly (it is checked against the"
                + " server, not the URL).", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptyConfirmationIsNoConfirmation(String confirm) {
        ReconcileRefusedException e = refused(identity("shop"), settings("1", confirm));

        assertEquals(Reason.NOT_CONFIRMED, e.reason());
        assertEquals("Refusing to apply: database shop does not look like a test database (its name does not match"
                + " testDatabasePattern (?i)test); MIGRATION_GUARD_ALLOW_NONTEST=1 is set, but the apply is not"
                + " confirmed. Pass -DmigrationGuard.confirm=shop (the live database name) to apply to it.",
                e.getMessage());
    }

    @Test
    void theOverrideWithoutConfirmationIsRefused() {
        ReconcileRefusedException e = refused(identity("shop"), settings("1", null));

        assertEquals(Reason.NOT_CONFIRMED, e.reason());
        assertTrue(e.getMessage().contains("-DmigrationGuard.confirm=shop"), e.getMessage());
    }

    @Test
    void plainNamesAreNotQuotedAndOthersAreOneShellWord() {
        assertEquals("shop_prod-2.eu", ProductionGuard.shellWord("shop_prod-2.eu"));
        assertEquals("'shop prod'", ProductionGuard.shellWord("shop prod"));
        assertEquals("'it'\\''s'", ProductionGuard.shellWord("it's"));
        assertEquals("'$(rm -rf ~)'", ProductionGuard.shellWord("$(rm -rf ~)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop prod", "ünïcødé", "a\"b", "it's", "shop;drop"})
    void namesAreShownAndConfirmedAsTheyAre(String name) {
        ReconcileRefusedException notTest = refused(identity(name), settings(null, null));
        assertEquals(Reason.NOT_A_TEST_DATABASE, notTest.reason());
        assertTrue(notTest.getMessage().contains("database " + name + " does not look like a test database"),
                notTest.getMessage());
        // quoted for the shell, so the hint can be pasted as it is
        String quoted = "'" + name.replace("'", "'\\''") + "'";
        assertTrue(notTest.getMessage().contains("-DmigrationGuard.confirm=" + quoted + "."), notTest.getMessage());

        ReconcileRefusedException wrong = refused(identity(name), settings("1", name + "x"));
        assertEquals(Reason.NOT_CONFIRMED, wrong.reason());
        assertTrue(wrong.getMessage().contains("is '" + name + "x', but the connection is to database " + name + "."),
                wrong.getMessage());

        allowed(identity(name), settings("1", name));
    }

    @Test
    void aConfirmationInAnotherUnicodeNormalFormIsNotTheName() {
        String composed = "caf\u00e9";
        String decomposed = "cafe\u0301";

        ReconcileRefusedException e = refused(identity(composed), settings("1", decomposed));

        assertEquals(Reason.NOT_CONFIRMED, e.reason());
    }

    @Test
    void aHotStandbyIsRefusedEvenWithATestName() {
        ReconcileRefusedException e = refused(standby("shop_test"), settings(null, null));

        assertEquals(Reason.STANDBY, e.reason());
        assertEquals("Refusing to apply: database shop_test on 10.0.0.6:5432 is a hot standby (pg_is_in_recovery() is"
                + " true); history rows can only be written on the primary. Connect to the primary server.",
                e.getMessage());
    }

    @Test
    void aHotStandbyIsRefusedEvenWithTheOverride() {
        assertEquals(Reason.STANDBY, refused(standby("shop"), settings("1", "shop")).reason());
    }

    @Test
    void aReadOnlySessionIsRefusedEvenWithATestName() {
        ReconcileRefusedException e = refused(readOnly("shop_test"), settings(null, null));

        assertEquals(Reason.READ_ONLY, e.reason());
        assertTrue(e.getMessage().contains("default_transaction_read_only is on for user deployer"), e.getMessage());
        assertTrue(e.getMessage().contains("Connect with a user and settings that may write."), e.getMessage());
    }

    @Test
    void aReadOnlySessionIsRefusedEvenWithTheOverride() {
        assertEquals(Reason.READ_ONLY, refused(readOnly("shop"), settings("1", "shop")).reason());
    }

    @Test
    void aStandbyIsNamedBeforeAReadOnlySession() {
        DatabaseIdentity both = new DatabaseIdentity("shop_test", "deployer", null, null, "public", "public", "16.2",
                160_002, true, true);

        ReconcileRefusedException e = refused(both, settings(null, null));

        assertEquals(Reason.STANDBY, e.reason());
        assertTrue(e.getMessage().contains("on local socket is a hot standby"), e.getMessage());
    }

    @Test
    void aCustomAnchoredPatternIsSearchedAsWritten() {
        ProductionGuard.Settings ci = new ProductionGuard.Settings(Pattern.compile("^ci_"), null, null);

        allowed(identity("ci_shop"), ci);
        ReconcileRefusedException e = refused(identity("my_ci_db"), ci);
        assertEquals(Reason.NOT_A_TEST_DATABASE, e.reason());
        assertTrue(e.getMessage().contains("does not match testDatabasePattern ^ci_)"), e.getMessage());
        assertEquals(Reason.NOT_A_TEST_DATABASE, refused(identity("CI_shop"), ci).reason(), "case-sensitive");
    }

    @Test
    void anAnchoredSuffixPatternRefusesProductionNamesThatContainTest() {
        ProductionGuard.Settings suffix = new ProductionGuard.Settings(Pattern.compile("_test$"), null, null);

        allowed(identity("shop_test"), suffix);
        assertEquals(Reason.NOT_A_TEST_DATABASE, refused(identity("shop_latest"), suffix).reason());
        assertEquals(Reason.NOT_A_TEST_DATABASE, refused(identity("contest"), suffix).reason());
    }
}
