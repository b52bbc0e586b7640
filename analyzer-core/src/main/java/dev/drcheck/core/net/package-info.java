/** Address value helpers shared by every stage: MACs in longs, IPv4 addresses in ints. */
package dev.drcheck.core.net;
