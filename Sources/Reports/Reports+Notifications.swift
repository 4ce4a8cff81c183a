import Foundation
import Rules
import WerksessiesModel

extension Reports {
    /// Columns of `notifications.csv`.
    public static let notificationColumns = ["email", "name", "session", "session_title", "change", "message"]

    /// Whom to tell what tonight: one row per participant whose situation changed, ready for a mail merge.
    static func notificationsCSV(_ context: ReportContext, into csv: inout CSVWriter) {
        csv.header(notificationColumns)
        let bundle = context.bundle
        Notifications.forEach(
            changes: bundle.changes, scope: bundle.notificationScope, participants: bundle.participants,
            assignment: bundle.assignment, catalog: bundle.catalog
        ) { notification in
            csv.row([
                .text(notification.email), .text(notification.name),
                .number(notification.session.map(String.init) ?? ""), .text(notification.sessionTitle),
                .text(notification.change.rawValue), .text(notification.message),
            ])
        }
    }
}
