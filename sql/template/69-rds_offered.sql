-- openrds template, step 69: which public procedures this engine version has.
--
-- The template is built once per personality (@personality, set by the
-- installer: 'mysql5.7', 'mysql8.0', 'mysql8.4' or 'mariadb'). Files 30-50
-- create every public procedure of every version; this step keeps the ones
-- the personality offers (rds-versions.md section 1) and replaces the others
-- with stubs of the same parameters, so that calling one answers as MySQL does: ERROR 1305 PROCEDURE ... does not
-- exist. mysql.rds_public_procedures is the one list of public procedures:
-- rds_grant_master_privileges (23) grants EXECUTE on those that exist.
--
-- Deliberate differences: RDS for MariaDB keeps rds_start_replication_until
-- (MariaDB has the statement; RDS does not offer the procedure there), and
-- rds_set_external_source_gtid_purged is offered on 8.4 as on 8.0 (the 8.0.41
-- dump has it; 8.4 is derived).

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE TABLE IF NOT EXISTS mysql.rds_public_procedures (
  name          varchar(64) NOT NULL,
  personalities varchar(64) NOT NULL,   -- FIND_IN_SET list
  copy_of       varchar(64) DEFAULT NULL, -- made from that procedure's definition
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='openrds: the public rds procedures of each engine version';

BEGIN NOT ATOMIC
  DECLARE v_log_bin INT DEFAULT @@session.sql_log_bin;
  DECLARE v_personality VARCHAR(16) DEFAULT @personality;

  IF v_personality IS NULL OR v_personality NOT IN ('mysql5.7', 'mysql8.0', 'mysql8.4', 'mariadb') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'openrds: unknown personality';
  END IF;
  SET @@session.sql_log_bin = 0;
  DELETE FROM mysql.rds_public_procedures;
  INSERT INTO mysql.rds_public_procedures (name, personalities, copy_of) VALUES
    ('rds_set_external_master',                      'mysql5.7,mysql8.0,mariadb', NULL),
    ('rds_set_external_source',                      'mysql8.4', 'rds_set_external_master'),
    ('rds_set_external_master_with_delay',           'mysql5.7,mysql8.0,mariadb', NULL),
    ('rds_set_external_source_with_delay',           'mysql8.4', 'rds_set_external_master_with_delay'),
    ('rds_set_external_master_with_auto_position',   'mysql5.7,mysql8.0', NULL),
    ('rds_set_external_source_with_auto_position',   'mysql8.4', 'rds_set_external_master_with_auto_position'),
    ('rds_set_external_master_gtid',                 'mariadb', NULL),
    ('rds_set_external_source_gtid_purged',          'mysql8.0,mysql8.4', NULL),
    ('rds_reset_external_master',                    'mysql5.7,mysql8.0,mariadb', NULL),
    ('rds_reset_external_source',                    'mysql8.4', 'rds_reset_external_master'),
    ('rds_next_master_log',                          'mysql5.7,mysql8.0,mariadb', NULL),
    ('rds_next_source_log',                          'mysql8.4', 'rds_next_master_log'),
    ('rds_set_master_auto_position',                 'mysql5.7,mysql8.0', NULL),
    ('rds_set_source_auto_position',                 'mysql8.4', 'rds_set_master_auto_position'),
    ('rds_set_source_delay',                         'mysql5.7,mysql8.0,mysql8.4,mariadb', NULL),
    ('rds_start_replication',                        'mysql5.7,mysql8.0,mysql8.4,mariadb', NULL),
    ('rds_stop_replication',                         'mysql5.7,mysql8.0,mysql8.4,mariadb', NULL),
    ('rds_skip_repl_error',                          'mysql5.7,mysql8.0,mysql8.4,mariadb', NULL),
    ('rds_start_replication_until',                  'mysql5.7,mysql8.0,mysql8.4,mariadb', NULL),
    ('rds_start_replication_until_gtid',             'mysql5.7,mysql8.0,mysql8.4', NULL),
    ('rds_skip_transaction_with_gtid',               'mysql5.7,mysql8.0,mysql8.4', NULL),
    ('rds_replica_status',                           'mariadb', NULL),
    ('rds_set_configuration',                        'mysql5.7,mysql8.0,mysql8.4,mariadb', NULL),
    ('rds_show_configuration',                       'mysql5.7,mysql8.0,mysql8.4,mariadb', NULL),
    ('rds_kill',                                     'mysql5.7,mysql8.0,mysql8.4,mariadb', NULL),
    ('rds_kill_query',                               'mysql5.7,mysql8.0,mysql8.4,mariadb', NULL),
    ('rds_kill_query_id',                            'mariadb', NULL),
    -- multi-source replication (rds-versions.md section 4: 5.7.44+, 8.0.35+, 8.4; the versions served)
    ('rds_set_external_source_for_channel',          'mysql5.7,mysql8.0,mysql8.4', NULL),
    ('rds_set_external_source_with_delay_for_channel', 'mysql5.7,mysql8.0,mysql8.4', NULL),
    ('rds_set_external_source_with_auto_position_for_channel', 'mysql5.7,mysql8.0,mysql8.4', NULL),
    ('rds_reset_external_source_for_channel',        'mysql5.7,mysql8.0,mysql8.4', NULL),
    ('rds_start_replication_for_channel',            'mysql5.7,mysql8.0,mysql8.4', NULL),
    ('rds_stop_replication_for_channel',             'mysql5.7,mysql8.0,mysql8.4', NULL),
    ('rds_skip_repl_error_for_channel',              'mysql5.7,mysql8.0,mysql8.4', NULL),
    ('rds_next_source_log_for_channel',              'mysql5.7,mysql8.0,mysql8.4', NULL),
    ('rds_set_source_delay_for_channel',             'mysql5.7,mysql8.0,mysql8.4', NULL),
    ('rds_set_source_auto_position_for_channel',     'mysql5.7,mysql8.0,mysql8.4', NULL),
    ('rds_start_replication_until_for_channel',      'mysql5.7,mysql8.0,mysql8.4', NULL),
    ('rds_start_replication_until_gtid_for_channel', 'mysql5.7,mysql8.0,mysql8.4', NULL);
  SET @@session.sql_log_bin = v_log_bin;

  CALL mysql.rds_sysinfo_set('personality', v_personality);
  -- copies first (a `_master` original may be stubbed below), then the stubs
  FOR p IN (SELECT r.name AS n, FIND_IN_SET(v_personality, r.personalities) > 0 AS offered,
                   CONVERT(pr.param_list USING utf8mb4) AS params, CONVERT(pr.body USING utf8mb4) AS body,
                   REPLACE(pr.sql_data_access, '_', ' ') AS access, pr.comment AS c
               FROM mysql.rds_public_procedures AS r
               JOIN mysql.proc AS pr ON pr.db = 'mysql' AND pr.type = 'PROCEDURE' AND pr.name = IFNULL(r.copy_of, r.name)
              WHERE r.copy_of IS NOT NULL OR NOT FIND_IN_SET(v_personality, r.personalities)
              ORDER BY r.copy_of IS NULL, r.name) DO
    IF p.offered THEN
      EXECUTE IMMEDIATE CONCAT(
        'CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.`', p.n, '`(', p.params, ') ',
        p.access, ' SQL SECURITY DEFINER COMMENT ', QUOTE(p.c), ' ', p.body);
    ELSE
      EXECUTE IMMEDIATE CONCAT(
        'CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.`', p.n, '`(', p.params, ')',
        ' NO SQL SQL SECURITY DEFINER COMMENT ''openrds: not offered on this engine version''',
        ' SIGNAL SQLSTATE ''42000'' SET MYSQL_ERRNO = 1305,',
        ' MESSAGE_TEXT = ''PROCEDURE mysql.', p.n, ' does not exist''');
    END IF;
  END FOR;
END;
