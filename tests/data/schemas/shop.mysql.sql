-- DevDash test data: the "shop" sample schema, MySQL / MariaDB dialect (fed to the
-- mariadb client). The web shop of shop.sqlite.sql as a MySQL application would
-- declare it (see README.md): mixed-case table names, NVARCHAR columns, named
-- indexes on every foreign key, a self-referencing employee hierarchy.

CREATE DATABASE Shop;
USE Shop;

CREATE TABLE Category (
    CategoryId INT NOT NULL,
    Name NVARCHAR(120),
    CONSTRAINT PK_Category PRIMARY KEY (CategoryId)
);

CREATE TABLE Employee (
    EmployeeId INT NOT NULL,
    LastName NVARCHAR(20) NOT NULL,
    FirstName NVARCHAR(20) NOT NULL,
    Title NVARCHAR(30),
    ReportsTo INT,
    HiredOn DATETIME,
    CONSTRAINT PK_Employee PRIMARY KEY (EmployeeId)
);

CREATE TABLE Customer (
    CustomerId INT NOT NULL AUTO_INCREMENT,
    FirstName NVARCHAR(40) NOT NULL,
    LastName NVARCHAR(20) NOT NULL,
    Email NVARCHAR(60) NOT NULL,
    SupportRepId INT,
    CONSTRAINT PK_Customer PRIMARY KEY (CustomerId)
);

CREATE TABLE Product (
    ProductId INT NOT NULL AUTO_INCREMENT,
    Name NVARCHAR(160) NOT NULL,
    CategoryId INT NOT NULL,
    UnitPrice NUMERIC(10,2) NOT NULL,
    CONSTRAINT PK_Product PRIMARY KEY (ProductId)
);

CREATE TABLE `Order` (
    OrderId INT NOT NULL AUTO_INCREMENT,
    CustomerId INT NOT NULL,
    OrderedAt DATETIME NOT NULL,
    Total NUMERIC(10,2) NOT NULL,
    CONSTRAINT PK_Order PRIMARY KEY (OrderId)
);

CREATE TABLE OrderLine (
    OrderLineId INT NOT NULL AUTO_INCREMENT,
    OrderId INT NOT NULL,
    ProductId INT NOT NULL,
    UnitPrice NUMERIC(10,2) NOT NULL,
    Quantity INT NOT NULL,
    CONSTRAINT PK_OrderLine PRIMARY KEY (OrderLineId)
);

ALTER TABLE Employee ADD CONSTRAINT FK_EmployeeReportsTo
    FOREIGN KEY (ReportsTo) REFERENCES Employee (EmployeeId) ON DELETE NO ACTION ON UPDATE NO ACTION;
CREATE INDEX IFK_EmployeeReportsTo ON Employee (ReportsTo);
ALTER TABLE Customer ADD CONSTRAINT FK_CustomerSupportRepId
    FOREIGN KEY (SupportRepId) REFERENCES Employee (EmployeeId) ON DELETE NO ACTION ON UPDATE NO ACTION;
CREATE INDEX IFK_CustomerSupportRepId ON Customer (SupportRepId);
ALTER TABLE Product ADD CONSTRAINT FK_ProductCategoryId
    FOREIGN KEY (CategoryId) REFERENCES Category (CategoryId) ON DELETE NO ACTION ON UPDATE NO ACTION;
CREATE INDEX IFK_ProductCategoryId ON Product (CategoryId);
ALTER TABLE `Order` ADD CONSTRAINT FK_OrderCustomerId
    FOREIGN KEY (CustomerId) REFERENCES Customer (CustomerId) ON DELETE NO ACTION ON UPDATE NO ACTION;
CREATE INDEX IFK_OrderCustomerId ON `Order` (CustomerId);
ALTER TABLE OrderLine ADD CONSTRAINT FK_OrderLineOrderId
    FOREIGN KEY (OrderId) REFERENCES `Order` (OrderId) ON DELETE CASCADE ON UPDATE NO ACTION;
CREATE INDEX IFK_OrderLineOrderId ON OrderLine (OrderId);
ALTER TABLE OrderLine ADD CONSTRAINT FK_OrderLineProductId
    FOREIGN KEY (ProductId) REFERENCES Product (ProductId) ON DELETE NO ACTION ON UPDATE NO ACTION;
CREATE INDEX IFK_OrderLineProductId ON OrderLine (ProductId);
