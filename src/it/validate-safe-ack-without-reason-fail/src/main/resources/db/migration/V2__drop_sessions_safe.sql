-- migration-guard:allow ban-drop
DROP TABLE user_sessions;
