-- migration-guard:allow ban-drop reason="sessions moved to the cache cluster in release 4.2"
DROP TABLE user_sessions;
