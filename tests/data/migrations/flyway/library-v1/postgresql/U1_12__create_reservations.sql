DROP TABLE reservation;
