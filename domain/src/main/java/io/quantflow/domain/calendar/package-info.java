/** Exchange calendars: trading days, regular and extended sessions, loaded from updatable data files. */
package io.quantflow.domain.calendar;
