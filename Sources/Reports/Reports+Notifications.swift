import Foundation
import WerksessiesModel

extension Reports {
    /// Columns of `notifications.csv`.
    public static let notificationColumns = ["email", "name", "session", "session_title", "change", "message"]

    /// Whom to tell what tonight: one row per participant whose situation changed, ready for a mail merge.
    static func notificationsCSV(_ context: ReportContext, into csv: inout CSVWriter) {
        csv.header(notificationColumns)
        for notification in context.bundle.notifications {
            csv.row([
                .text(notification.email), .text(notification.name),
                .number(notification.session.map(String.init) ?? ""), .text(notification.sessionTitle),
                .text(notification.change.rawValue), .text(notification.message),
            ])
        }
    }
}
