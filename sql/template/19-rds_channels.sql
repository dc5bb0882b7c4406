-- openrds template, step 19: replication channels (multi-source replication).
--
-- A channel is a MariaDB named replication connection (CHANGE MASTER 'name'
-- TO ..., START SLAVE 'name'); the channel '' is the default connection, the
-- one of every single-channel procedure. Every procedure body takes the
-- channel as its last argument; the public procedures are wrappers
-- (rds_start_replication() is rds_start_replication_for_channel('')), as in
-- RDS for MySQL 8.0.41.
--
-- MariaDB 10.11 lists a connection's threads in the processlist without its
-- name, and SQL can read of a connection only whether it runs normally
-- (status Slave_running, for the session's default_master_connection;
-- information_schema.SLAVE_STATUS comes with 11.6). So every START SLAVE of
-- a procedure goes through rds_start_slave, which records the threads a named
-- channel started: their processlist ID with their OS thread id (TID), a
-- pair that a restarted server does not give again. The threads of '' are
-- the replication threads that no named channel recorded. That is exact
-- because named channels are made only by the *_for_channel procedures and
-- the server never starts them itself: skip_slave_start is off only on RDS
-- read replicas, which replicate on '' and refuse external sources.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE TABLE IF NOT EXISTS mysql.rds_channel_threads (
  channel_name varchar(64)     NOT NULL,
  id           bigint unsigned NOT NULL,   -- information_schema.PROCESSLIST.ID
  tid          bigint unsigned NOT NULL,   -- and its TID
  PRIMARY KEY (id, tid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='openrds: the replication threads each named channel started';

-- The channel a caller named, as the procedures keep it: NULL is '';
-- names are case-insensitive (MariaDB's connection names are) and kept in
-- lower case; at most 64 letters, digits, '_' and '-' (they become file names).
CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_channel(p_channel text)
  RETURNS varchar(64) CHARSET utf8mb4
  NOT DETERMINISTIC
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: a channel name, checked'
BEGIN
  DECLARE v_text TEXT;
  IF p_channel IS NULL THEN
    RETURN '';
  END IF;
  IF CHAR_LENGTH(p_channel) > 64 OR p_channel NOT REGEXP BINARY '^[A-Za-z0-9_-]*\\z' THEN
    SET v_text = mysql.rds_text('channel: invalid');
    SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = 3069, MESSAGE_TEXT = v_text;
  END IF;
  RETURN LOWER(p_channel);
END;

-- How many replication threads of the channel run now; p_command NULL
-- counts them all, 'Slave_SQL' its applier, 'Slave_IO' an IO thread that is
-- connected and reading.
CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_channel_thread_count(
  p_channel varchar(64),
  p_command varchar(16))
  RETURNS int
  NOT DETERMINISTIC
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: the running replication threads of a channel'
RETURN (SELECT COUNT(*)
          FROM information_schema.PROCESSLIST AS p
          LEFT JOIN mysql.rds_channel_threads AS t ON t.id = p.ID AND t.tid = p.TID
         WHERE p.USER = 'system user'
           AND p.COMMAND IN ('Slave_SQL', 'Slave_IO', 'Connect')
           AND (p_command IS NULL OR p.COMMAND = p_command)
           AND IF(p_channel = '', t.channel_name IS NULL, t.channel_name <=> p_channel));

-- START SLAVE for a channel (p_until: '' or an UNTIL clause); the threads a
-- named channel started are recorded, unlogged. One start at a time, so
-- that the new threads are this start's.
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_start_slave(
  IN p_channel varchar(64),
  IN p_until   text)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: START SLAVE for a channel, its threads recorded'
BEGIN
  DECLARE v_before TEXT;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    DO RELEASE_LOCK('openrds: start slave');
    RESIGNAL;
  END;

  DO GET_LOCK('openrds: start slave', 10);
  SELECT GROUP_CONCAT(ID) INTO v_before
    FROM information_schema.PROCESSLIST
   WHERE USER = 'system user' AND COMMAND IN ('Slave_SQL', 'Slave_IO', 'Connect');
  EXECUTE IMMEDIATE CONCAT('START SLAVE ', QUOTE(p_channel), IF(p_until = '', '', CONCAT(' UNTIL ', p_until)));
  IF p_channel <> '' THEN
    CALL mysql.rds_unlogged(
      CONCAT('DELETE FROM mysql.rds_channel_threads WHERE channel_name = ', QUOTE(p_channel),
             ' OR (id, tid) NOT IN (SELECT ID, TID FROM information_schema.PROCESSLIST)'),
      CONCAT('INSERT IGNORE INTO mysql.rds_channel_threads (channel_name, id, tid)',
             ' SELECT ', QUOTE(p_channel), ', ID, TID FROM information_schema.PROCESSLIST',
             ' WHERE USER = ''system user'' AND COMMAND IN (''Slave_SQL'', ''Slave_IO'', ''Connect'')',
             ' AND NOT FIND_IN_SET(ID, ', QUOTE(IFNULL(v_before, '')), ')'));
  END IF;
  DO RELEASE_LOCK('openrds: start slave');
END;

-- STOP SLAVE for a channel (p_thread: '' or 'SQL_THREAD' / 'IO_THREAD').
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_stop_slave(
  IN p_channel varchar(64),
  IN p_thread  varchar(16))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: STOP SLAVE for a channel'
BEGIN
  COMMIT;              -- STOP SLAVE refuses inside a transaction (ERROR 1192)
  EXECUTE IMMEDIATE CONCAT('STOP SLAVE ', QUOTE(p_channel), IF(p_thread IN ('SQL_THREAD', 'IO_THREAD'), CONCAT(' ', p_thread), ''));
END;
